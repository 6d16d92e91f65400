import type { AccountWarningDto, ErpCustomerMasterDto, UpsertAccountDto } from '@contracts';
import { normalizeName, normalizePostalCode, normalizeTaxId } from './duplicate-match.js';

/** Fields of a CRM account the ERP owns, and which ERP function sets them; the CRM's values are ignored. */
export const ERP_OWNED_FIELDS = {
  creditLimit: 'credit management',
  paymentTerms: 'accounts receivable',
  taxExempt: 'tax determination',
} as const;

/** Fields the CRM owns; the gateway keeps them (see the crm_accounts table) and never writes them to the ERP. */
export const CRM_OWNED_FIELDS = ['segment', 'owner', 'leadSource'] as const;

export type ErpOwnedField = keyof typeof ERP_OWNED_FIELDS;

/** One warning per ERP-owned field the CRM sent (null counts as not sent). */
export function ignoredFieldWarnings(account: UpsertAccountDto): AccountWarningDto[] {
  return (Object.keys(ERP_OWNED_FIELDS) as ErpOwnedField[])
    .filter((field) => account[field] !== undefined && account[field] !== null)
    .map((field) => ({
      field,
      code: 'FIELD_OWNED_BY_ERP',
      detail: `${field} is owned by the ERP (${ERP_OWNED_FIELDS[field]}); the value sent was ignored.`,
    }));
}

/** The CRM-owned fields to keep; PUT replaces the account, so a field left out is cleared. */
export function crmOwnedFields(account: UpsertAccountDto): { segment: string | null; owner: string | null; leadSource: string | null } {
  const value = (text: string | undefined) => (text?.trim() ? text.trim() : null);
  return { segment: value(account.segment), owner: value(account.owner), leadSource: value(account.leadSource) };
}

/**
 * What the ERP customer master should hold: the CRM's name, address and tax id. Against an existing customer, a
 * difference of case or spacing alone is not a change: the ERP keeps its spelling (so linking never renames a
 * customer to `ACME  MANUFACTURING`). Tax ids are written normalised, so the ERP's exact search finds them.
 */
export function erpMasterFor(account: UpsertAccountDto, existing?: { name: string; postalCode: string }): ErpCustomerMasterDto {
  const name = account.name.trim();
  const postalCode = account.address.postalCode.trim();
  const street = account.address.street?.trim();
  const region = account.address.region?.trim();
  return {
    name: existing && normalizeName(existing.name) === normalizeName(name) ? existing.name : name,
    ...(street ? { street } : {}),
    city: account.address.city.trim(),
    postalCode: existing && normalizePostalCode(existing.postalCode) === normalizePostalCode(postalCode) ? existing.postalCode : postalCode,
    ...(region ? { region } : {}),
    country: account.address.country,
    ...(account.taxId ? { taxNumber: normalizeTaxId(account.taxId) } : {}),
  };
}
