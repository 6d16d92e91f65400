/**
 * The transit region a ship-to address falls in, for transit days from each warehouse.
 * Warehouses publish transit days per region (US-EAST, US-CENTRAL, US-WEST). Pure.
 */
export const TRANSIT_REGIONS = ['US-EAST', 'US-CENTRAL', 'US-WEST'] as const;
export type TransitRegion = (typeof TRANSIT_REGIONS)[number];

// prettier-ignore
const STATES: Record<TransitRegion, readonly string[]> = {
  'US-EAST': ['CT', 'DC', 'DE', 'FL', 'GA', 'MA', 'MD', 'ME', 'NC', 'NH', 'NJ', 'NY', 'PA', 'RI', 'SC', 'VA', 'VT', 'WV', 'OH', 'MI', 'IN', 'KY', 'TN', 'AL', 'PR'],
  'US-CENTRAL': ['AR', 'IA', 'IL', 'KS', 'LA', 'MN', 'MO', 'MS', 'ND', 'NE', 'OK', 'SD', 'TX', 'WI'],
  'US-WEST': ['AK', 'AZ', 'CA', 'CO', 'HI', 'ID', 'MT', 'NM', 'NV', 'OR', 'UT', 'WA', 'WY'],
};
const stateRegion = new Map(Object.entries(STATES).flatMap(([region, states]) => states.map((state) => [state, region as TransitRegion])));

/** By ZIP code's first digit (the national area): 0-4 east (4 is KY, OH, IN, MI), 5-7 central, 8-9 west; a coarse fallback. */
const zipRegion = (zip: string): TransitRegion | undefined => {
  const first = /^\d{5}/.test(zip) ? Number(zip[0]) : NaN;
  if (Number.isNaN(first)) return undefined;
  return first <= 4 ? 'US-EAST' : first <= 7 ? 'US-CENTRAL' : 'US-WEST';
};

/** A transit region given outright, a US state, or a US ZIP code, in that order; undefined when none applies. */
export function shipToRegion(to: { region?: string; postalCode?: string; country?: string }): TransitRegion | undefined {
  const region = to.region?.trim().toUpperCase();
  if (region && (TRANSIT_REGIONS as readonly string[]).includes(region)) return region as TransitRegion;
  if (to.country && to.country.toUpperCase() !== 'US') return undefined;
  return (region ? stateRegion.get(region) : undefined) ?? (to.postalCode ? zipRegion(to.postalCode.trim()) : undefined);
}
