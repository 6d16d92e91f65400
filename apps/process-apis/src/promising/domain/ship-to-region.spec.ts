import { describe, expect, it } from '@jest/globals';
import { shipToRegion } from './ship-to-region.js';

describe('shipToRegion', () => {
  it('takes a transit region given outright, in any case', () => {
    expect(shipToRegion({ region: 'us-west' })).toBe('US-WEST');
  });

  it('maps a US state, before the ZIP code', () => {
    expect(shipToRegion({ region: 'OH', postalCode: '94105' })).toBe('US-EAST');
    expect(shipToRegion({ region: 'TX' })).toBe('US-CENTRAL');
    expect(shipToRegion({ region: 'CA', country: 'US' })).toBe('US-WEST');
  });

  it('falls back to the ZIP code', () => {
    expect(shipToRegion({ postalCode: '10001' })).toBe('US-EAST');
    expect(shipToRegion({ postalCode: '43004' })).toBe('US-EAST');
    expect(shipToRegion({ postalCode: '60601' })).toBe('US-CENTRAL');
    expect(shipToRegion({ postalCode: '98101-1234' })).toBe('US-WEST');
  });

  it('knows nothing of other countries or unknown places', () => {
    expect(shipToRegion({ region: 'ON', postalCode: 'M5V 2T6', country: 'CA' })).toBeUndefined();
    expect(shipToRegion({ region: 'ZZ' })).toBeUndefined();
    expect(shipToRegion({})).toBeUndefined();
  });
});
