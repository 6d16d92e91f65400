import { SystemApiClient } from '@contracts';
import { clientProviders, ServiceTokenIssuer } from '@platform';
import { ProcessApisConfig } from '../process.config.js';

/** The process layer reaches the backends only through the system layer's typed client, with its service token. */
export const systemApiProviders = clientProviders(SystemApiClient, ProcessApisConfig, (config) => {
  const tokens = new ServiceTokenIssuer(config.security.serviceKeys, 'process-apis', 'system-apis');
  return { name: 'system-apis', baseUrl: config.systemUrl, connections: 64, ...config.breaker, authorization: () => tokens.header() };
});
