/** Settings of one sandbox instance; built by `sandboxConfigFromEnv` or directly by tests and the embedded launcher. */
export interface SandboxConfig {
  host: string;
  port: number;
  /** Where the WMS POSTs its events; may also be set after start (see WmsEventEmitter.setWebhookUrl). */
  wmsWebhookUrl?: string;
  /** The WMS signs its webhook calls with this (HMAC-SHA256 over `<t>.<body>`, header X-WMS-Signature). */
  wmsWebhookSecret: string;
  erpUser: string;
  erpPassword: string;
  wmsApiKey: string;
  omsToken: string;
  csrfTokenTtlMs: number;
}

/** DI token of the SandboxConfig (an interface has no runtime value to inject by). */
export const SANDBOX_CONFIG = Symbol('SANDBOX_CONFIG');

export const defaultSandboxConfig: SandboxConfig = {
  host: '127.0.0.1',
  port: 3003,
  erpUser: 'GATEWAY',
  erpPassword: 'sandbox-erp-secret',
  wmsApiKey: 'sandbox-wms-key',
  omsToken: 'sandbox-oms-token',
  wmsWebhookSecret: 'sandbox-wms-webhook-secret',
  csrfTokenTtlMs: 30 * 60_000,
};
