import { describe, expect, it } from '@jest/globals';
import type { UpsertAccountDto } from '@contracts';
import { crmOwnedFields, erpMasterFor, ignoredFieldWarnings } from './field-ownership.js';

const account: UpsertAccountDto = {
  name: ' Cascade Pumps LLC ',
  address: { street: '1 Harbor Rd', city: 'Portland', postalCode: '97201', region: 'OR', country: 'US' },
  taxId: '93 1234567',
  segment: 'industrial',
  owner: 'jane.doe@example.com',
  leadSource: 'trade-show',
};

describe('field ownership', () => {
  it('warns once per ERP-owned field sent, and never for the others', () => {
    expect(ignoredFieldWarnings(account)).toEqual([]);
    const warnings = ignoredFieldWarnings({ ...account, creditLimit: 50000, paymentTerms: 'NT10', taxExempt: false });
    expect(warnings.map((w) => w.field)).toEqual(['creditLimit', 'paymentTerms', 'taxExempt']);
    expect(warnings.every((w) => w.code === 'FIELD_OWNED_BY_ERP' && w.detail.includes('owned by the ERP'))).toBe(true);
    expect(ignoredFieldWarnings({ ...account, creditLimit: null })).toEqual([]);
  });

  it('never puts ERP-owned or CRM-owned fields into the ERP master data', () => {
    const master = erpMasterFor({ ...account, creditLimit: 50000, paymentTerms: 'NT10', taxExempt: true });
    expect(master).toEqual({
      name: 'Cascade Pumps LLC',
      street: '1 Harbor Rd',
      city: 'Portland',
      postalCode: '97201',
      region: 'OR',
      country: 'US',
      taxNumber: '931234567',
    });
  });

  it("keeps the ERP's spelling when name or postal code differ only in case or spacing", () => {
    expect(erpMasterFor({ ...account, name: 'CASCADE  pumps llc' }, { name: 'Cascade Pumps LLC', postalCode: '97201' }).name).toBe('Cascade Pumps LLC');
    expect(erpMasterFor({ ...account, name: 'Cascade Pumps Inc.' }, { name: 'Cascade Pumps LLC', postalCode: '97201' }).name).toBe('Cascade Pumps Inc.');
  });

  it('keeps the CRM-owned fields, clearing the ones left out (PUT replaces)', () => {
    expect(crmOwnedFields(account)).toEqual({ segment: 'industrial', owner: 'jane.doe@example.com', leadSource: 'trade-show' });
    expect(crmOwnedFields({ ...account, owner: undefined, leadSource: '  ' })).toEqual({ segment: 'industrial', owner: null, leadSource: null });
  });
});
