import type { CustomerDto, MatchedBy } from '@contracts';

/** What duplicate detection compares of a CRM account. */
export interface AccountIdentity {
  readonly name: string;
  readonly postalCode: string;
  readonly taxId?: string;
}

export interface DuplicateMatch {
  readonly customer: CustomerDto;
  readonly matchedBy: MatchedBy;
}

/** Tax ids compare without case or any whitespace (`93 1234567` = `931234567`; punctuation still counts). */
export function normalizeTaxId(taxId: string): string {
  return taxId.replace(/\s+/g, '').toUpperCase();
}

/** Names compare without case, outer spaces, and with runs of inner spaces as one. */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Postal codes compare without case or any whitespace (`sw1a 1aa` = `SW1A1AA`). */
export function normalizePostalCode(postalCode: string): string {
  return postalCode.replace(/\s+/g, '').toUpperCase();
}

/** The keys two concurrent onboardings of the same company collide on. */
export function matchKeys(account: AccountIdentity): { taxKey: string | null; namePostalKey: string } {
  return {
    taxKey: account.taxId ? normalizeTaxId(account.taxId) : null,
    namePostalKey: `${normalizeName(account.name)}|${normalizePostalCode(account.postalCode)}`,
  };
}

/**
 * The ERP customer a CRM account is the same company as, if any. A tax id match wins over a name and postal
 * code match; a name and postal code match does not count when both sides have tax ids and they differ (two
 * companies of the same name in one postal code). Among several matches of one kind, the lowest customer
 * number (the oldest) wins, so the answer is stable.
 */
export function findDuplicate(account: AccountIdentity, candidates: readonly CustomerDto[]): DuplicateMatch | undefined {
  const ordered = [...candidates].sort((a, b) => a.customerId.localeCompare(b.customerId));
  const taxId = account.taxId ? normalizeTaxId(account.taxId) : undefined;
  if (taxId) {
    const byTax = ordered.find((c) => c.taxNumber !== undefined && normalizeTaxId(c.taxNumber) === taxId);
    if (byTax) return { customer: byTax, matchedBy: 'taxId' };
  }
  const name = normalizeName(account.name);
  const postalCode = normalizePostalCode(account.postalCode);
  const byNamePostal = ordered.find(
    (c) =>
      normalizeName(c.name) === name && normalizePostalCode(c.postalCode) === postalCode && !(taxId && c.taxNumber && normalizeTaxId(c.taxNumber) !== taxId),
  );
  return byNamePostal ? { customer: byNamePostal, matchedBy: 'namePostalCode' } : undefined;
}
