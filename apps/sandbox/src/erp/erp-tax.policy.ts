/**
 * Output tax rate of the sandbox ERP, in basis points, by the US state shipped to: a flat table standing in
 * for SAP's tax determination (no county or city rates, no exemptions: the customer master carries no
 * exemption flag).
 */
const RATE_BY_REGION: Readonly<Record<string, number>> = { OH: 575, TX: 625, CA: 725, NY: 400 };
const DEFAULT_RATE = 500;

export function taxRateBasisPoints(region: string): number {
  return RATE_BY_REGION[region.toUpperCase()] ?? DEFAULT_RATE;
}

/** Tax in cents on a net amount in cents, rounded half up per item as SAP rounds per condition. */
export function taxCents(netCents: number, region: string): number {
  return Math.round((netCents * taxRateBasisPoints(region)) / 10_000);
}
