import { SystemApiClient } from '@contracts';
import { clientProviders } from '@platform';
import { ProcessApisConfig } from '../process.config.js';

/** The process layer reaches the backends only through the system layer's typed client. */
export const systemApiProviders = clientProviders(SystemApiClient, ProcessApisConfig, (config) => ({
  name: 'system-apis',
  baseUrl: config.systemUrl,
  connections: 64,
  ...config.breaker,
}));
