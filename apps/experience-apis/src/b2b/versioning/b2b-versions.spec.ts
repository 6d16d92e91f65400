import { describe, expect, it } from '@jest/globals';
import { generateServiceKeys } from '@platform';
import { experienceConfigFromEnv } from '../../experience.config.js';
import { DEFAULT_B2B_VERSION_POLICY, v1DeprecationHeaders } from './b2b-versions.js';

describe('B2B v1 deprecation', () => {
  it('renders RFC 9745 Deprecation, RFC 8594 Sunset and the deprecation link', () => {
    expect(v1DeprecationHeaders(DEFAULT_B2B_VERSION_POLICY)).toEqual({
      deprecation: '@1796083200',
      sunset: 'Wed, 30 Jun 2027 00:00:00 GMT',
      link: '</b2b/docs/v2-migration>; rel="deprecation"; type="text/markdown", </b2b/docs/v2-migration>; rel="sunset"; type="text/markdown"',
    });
  });

  it('reads the dates and the link from the environment, and refuses a sunset before the deprecation', () => {
    // distributed mode requires the service-token keys; they don't bear on the versions
    const keys = { SERVICE_TOKEN_KEYS: generateServiceKeys('versions') };
    const config = experienceConfigFromEnv({
      ...keys,
      B2B_V1_DEPRECATED_AT: '2027-01-01T00:00:00Z',
      B2B_V1_SUNSET_AT: '2027-12-31T00:00:00Z',
      B2B_V2_MIGRATION_GUIDE_URL: 'https://developer.example.com/b2b/v2-migration',
    });
    expect(config.b2bVersions).toEqual({
      v1DeprecatedAt: new Date('2027-01-01T00:00:00Z'),
      v1SunsetAt: new Date('2027-12-31T00:00:00Z'),
      migrationGuideUrl: 'https://developer.example.com/b2b/v2-migration',
    });
    expect(experienceConfigFromEnv(keys).b2bVersions).toEqual(DEFAULT_B2B_VERSION_POLICY);
    expect(() => experienceConfigFromEnv({ ...keys, B2B_V1_SUNSET_AT: '2026-01-01T00:00:00Z' })).toThrow(
      /B2B_V1_SUNSET_AT: must be after B2B_V1_DEPRECATED_AT/,
    );
  });
});
