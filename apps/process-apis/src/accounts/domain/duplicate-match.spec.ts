import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CustomerDto } from '@contracts';
import { findDuplicate, matchKeys } from './duplicate-match.js';

const customer = (customerId: string, name: string, postalCode: string, taxNumber?: string): CustomerDto => ({
  customerId,
  name,
  postalCode,
  ...(taxNumber ? { taxNumber } : {}),
  country: 'US',
  region: 'OH',
  currency: 'USD',
  paymentTerms: 'NT30',
  billingPolicy: 'per_shipment',
  credit: { limit: 0, exposure: 0, blocked: false },
  fulfillmentPolicy: { shipComplete: false, whenShipCompleteImpossible: 'backorder', backorderWithoutDate: false },
});

const acme = customer('10100001', 'Acme Manufacturing Inc.', '44114', '34-1827745');
const initech = customer('10100003', 'Initech Facilities LLC', '95814', '94-3310762');
const noTax = customer('10100009', 'Bluth Supply', 'SW1A 1AA');

describe('duplicate detection', () => {
  it('matches by tax id, ignoring case and whitespace', () => {
    expect(findDuplicate({ name: 'Someone Else', postalCode: '00000', taxId: ' 34-1827745 ' }, [initech, acme])).toEqual({
      customer: acme,
      matchedBy: 'taxId',
    });
    const lower = customer('10100010', 'Euro GmbH', '10115', 'DE123456789');
    expect(findDuplicate({ name: 'x', postalCode: '1', taxId: 'de 123 456 789' }, [lower])?.matchedBy).toBe('taxId');
  });

  it('matches by name and postal code, ignoring case and whitespace', () => {
    expect(findDuplicate({ name: '  initech   FACILITIES llc ', postalCode: ' 95814' }, [acme, initech])).toEqual({
      customer: initech,
      matchedBy: 'namePostalCode',
    });
    expect(findDuplicate({ name: 'bluth supply', postalCode: 'sw1a1aa' }, [noTax])?.customer.customerId).toBe('10100009');
  });

  it('prefers the tax id match over a name and postal code match', () => {
    const match = findDuplicate({ name: 'Initech Facilities LLC', postalCode: '95814', taxId: '34-1827745' }, [initech, acme]);
    expect(match).toEqual({ customer: acme, matchedBy: 'taxId' });
  });

  it('does not match the same name and postal code when the tax ids contradict', () => {
    expect(findDuplicate({ name: 'Initech Facilities LLC', postalCode: '95814', taxId: '11-1111111' }, [initech])).toBeUndefined();
    // a tax id on one side only does not contradict
    expect(findDuplicate({ name: 'Bluth Supply', postalCode: 'SW1A 1AA', taxId: '11-1111111' }, [noTax])?.matchedBy).toBe('namePostalCode');
  });

  it('needs both name and postal code: either alone is no match', () => {
    expect(findDuplicate({ name: 'Initech Facilities LLC', postalCode: '95815' }, [initech])).toBeUndefined();
    expect(findDuplicate({ name: 'Initech Facilities', postalCode: '95814' }, [initech])).toBeUndefined();
    expect(findDuplicate({ name: 'Anything', postalCode: '95814' }, [])).toBeUndefined();
  });

  it('picks the lowest customer number when several match, whatever the order of the candidates', () => {
    const twin = { ...initech, customerId: '10100011' };
    expect(findDuplicate({ name: 'Initech Facilities LLC', postalCode: '95814' }, [twin, initech])?.customer.customerId).toBe('10100003');
  });

  it('property: any change of case or spacing of name and postal code still matches, and yields the same claim keys', () => {
    const respell = (text: string) =>
      fc
        .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
        .chain((upper) =>
          fc.constantFrom(' ', '  ', '\t').map((gap) =>
            [...text]
              .map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase()))
              .join('')
              .split(' ')
              .join(gap),
          ),
        )
        .map((spelled) => ` ${spelled} `);
    fc.assert(
      fc.property(respell('Initech Facilities LLC'), respell('95814'), (name, postalCode) => {
        expect(findDuplicate({ name, postalCode }, [acme, initech])?.customer.customerId).toBe('10100003');
        expect(matchKeys({ name, postalCode })).toEqual(matchKeys({ name: 'Initech Facilities LLC', postalCode: '95814' }));
      }),
    );
  });
});
