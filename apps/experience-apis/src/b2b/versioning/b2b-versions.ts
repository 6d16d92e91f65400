/**
 * The B2B API's version policy. v1 answers with `Deprecation` (RFC 9745), `Sunset` (RFC 8594)
 * and a `Link` to the migration note on every response; v2 is current.
 */
export interface B2bVersionPolicy {
  /** When v1 is (or becomes) deprecated. */
  readonly v1DeprecatedAt: Date;
  /** After this v1 may stop answering. */
  readonly v1SunsetAt: Date;
  /** The v1 -> v2 migration note. */
  readonly migrationGuideUrl: string;
}

export const DEFAULT_B2B_VERSION_POLICY: B2bVersionPolicy = {
  v1DeprecatedAt: new Date('2026-12-01T00:00:00Z'),
  v1SunsetAt: new Date('2027-06-30T00:00:00Z'),
  // served by this app (see MigrationGuideController), so the link works wherever the gateway runs
  migrationGuideUrl: '/b2b/docs/v2-migration',
};

/** The headers a deprecated v1 response carries. */
export function v1DeprecationHeaders(policy: B2bVersionPolicy): Record<string, string> {
  return {
    // RFC 9745: a structured-field date, seconds since the epoch
    deprecation: `@${Math.floor(policy.v1DeprecatedAt.getTime() / 1000)}`,
    // RFC 8594: an HTTP-date
    sunset: policy.v1SunsetAt.toUTCString(),
    link: `<${policy.migrationGuideUrl}>; rel="deprecation"; type="text/markdown", <${policy.migrationGuideUrl}>; rel="sunset"; type="text/markdown"`,
  };
}
