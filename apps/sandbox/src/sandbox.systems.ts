/** The emulated backends and the path prefix of each one's native API. */
export const SYSTEMS = ['erp', 'wms', 'oms'] as const;
export type SystemName = (typeof SYSTEMS)[number];

export const SYSTEM_PREFIXES: Readonly<Record<SystemName, string>> = {
  erp: '/sap/opu/odata/sap',
  wms: '/wms/api',
  oms: '/oms/api/v2',
};

export function isSystemName(value: string): value is SystemName {
  return (SYSTEMS as readonly string[]).includes(value);
}

/** Which backend a request URL belongs to; undefined for /control, /health and anything else. */
export function systemOfUrl(url: string): SystemName | undefined {
  return SYSTEMS.find((system) => {
    const prefix = SYSTEM_PREFIXES[system];
    return url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);
  });
}
