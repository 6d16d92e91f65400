import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { experienceConfigFromEnv } from '../apps/experience-apis/src/experience.config.js';
import { processConfigFromEnv } from '../apps/process-apis/src/process.config.js';
import { AtpProjectionService } from '../apps/process-apis/src/promising/atp/atp-projection.service.js';
import { sandboxConfigFromEnv } from '../apps/sandbox/src/sandbox.app.js';
import { systemConfigFromEnv } from '../apps/system-apis/src/system.config.js';
import { generateServiceKeys } from '@platform';
import { call, eventually } from './support/http.js';
import { freePort, TestStack } from './support/stack.js';

describe('distributed mode: addresses follow the ports, readiness probes the next layer, run-once jobs hold a lease', () => {
  it('derives every default address from the *_PORT (and *_HOST) variables; an explicit *_URL wins', () => {
    // the secrets distributed mode requires (docs/security.md); the addresses are what is checked here
    const secrets = { SERVICE_TOKEN_KEYS: generateServiceKeys('dist'), WMS_WEBHOOK_SECRET: 'w'.repeat(32) };
    const env = { ...secrets, EXPERIENCE_PORT: '4100', PROCESS_PORT: '4101', SYSTEM_PORT: '4102', SANDBOX_PORT: '4103', CHANNEL_EVENTS_TOKEN: 'x'.repeat(16) };
    expect(experienceConfigFromEnv(env).processUrl).toBe('http://127.0.0.1:4101');
    const processConfig = processConfigFromEnv(env);
    expect(processConfig.systemUrl).toBe('http://127.0.0.1:4102');
    expect(processConfig.channelEvents?.experienceUrl).toBe('http://127.0.0.1:4100');
    const systemConfig = systemConfigFromEnv(env);
    expect(systemConfig.processUrl).toBe('http://127.0.0.1:4101');
    expect(systemConfig.erp.baseUrl).toBe('http://127.0.0.1:4103/sap/opu/odata/sap');
    // the sandbox WMS posts its events to the system layer by default, in every mode
    expect(sandboxConfigFromEnv(env).wmsWebhookUrl).toBe('http://127.0.0.1:4102/wms/v1/events/native');
    expect(sandboxConfigFromEnv({}).wmsWebhookUrl).toBe('http://127.0.0.1:3002/wms/v1/events/native');
    // a wildcard listen address is reached on loopback; an explicit URL wins over the port
    expect(experienceConfigFromEnv({ ...secrets, PROCESS_HOST: '0.0.0.0', PROCESS_PORT: '4101' }).processUrl).toBe('http://127.0.0.1:4101');
    expect(sandboxConfigFromEnv({ ...env, SYSTEM_URL: 'http://system.internal:8080/' }).wmsWebhookUrl).toBe('http://system.internal:8080/wms/v1/events/native');
    expect(() => experienceConfigFromEnv({ ...secrets, PROCESS_PORT: 'eighty' })).toThrow(/PROCESS_PORT/);
    // an order attempt's ERP create must end before a retry may take the order over
    expect(() => processConfigFromEnv({ ...env, IN_FLIGHT_TIMEOUT_MS: '5000', BREAKER_TIMEOUT_MS: '5000' })).toThrow(
      /IN_FLIGHT_TIMEOUT_MS: must exceed BREAKER_TIMEOUT_MS/,
    );
    expect(processConfigFromEnv({ ...env, IN_FLIGHT_TIMEOUT_MS: '5001', BREAKER_TIMEOUT_MS: '5000' }).inFlightTimeoutMs).toBe(5001);
  });

  describe('with the apps running', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await TestStack.start({ atpRefreshMs: 1_000 });
    }, 120_000);
    afterAll(() => stack?.stop());

    it('readiness is 503 when the next layer cannot be reached, and ok when it can', async () => {
      const ready = await call(`${stack.experienceUrl}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body.details['process-apis']).toMatchObject({ status: 'up', url: stack.processUrl });
      const processReady = await call(`${stack.processUrl}/health/ready`);
      expect(processReady.body.details['system-apis']).toMatchObject({ status: 'up', url: stack.systemUrl });

      // an experience instance pointed at a port where no process layer listens
      const nowhere = `http://127.0.0.1:${await freePort()}`;
      const misconfigured = await stack.startExtraExperience({ processUrl: nowhere });
      const unready = await call(`${misconfigured}/health/ready`);
      expect(unready.status).toBe(503);
      // rendered as problem+json by the app's filter; the probe's detail is in the log
      expect(unready.headers.get('content-type')).toContain('application/problem+json');
    });

    (process.env.DATABASE_URL ? it : it.skip)('two process instances on PostgreSQL: only the lease holder rebuilds the ATP projection', async () => {
      await stack.startSecondInstance();
      const counted = (service: AtpProjectionService) => {
        const calls = { n: 0 };
        const rebuild = service.rebuild.bind(service);
        service.rebuild = () => {
          calls.n++;
          return rebuild();
        };
        return calls;
      };
      const first = counted(stack.process.get(AtpProjectionService));
      const second = counted(stack.secondProcess!.get(AtpProjectionService));
      // several refresh periods (1 s) pass: the first instance, which took the lease at start, rebuilds each time
      await eventually(
        async () => first.n,
        (n) => n >= 3,
        20_000,
      );
      expect(second.n).toBe(0);
    });
  });
});
