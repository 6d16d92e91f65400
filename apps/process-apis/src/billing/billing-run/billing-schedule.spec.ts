import { describe, expect, it } from '@jest/globals';
import { nextRunAt, previousDay } from './billing-schedule.js';

describe('billing schedule', () => {
  it('runs later today when the time has not come yet, else tomorrow', () => {
    expect(nextRunAt('00:05', new Date('2026-11-25T00:04:59Z')).toISOString()).toBe('2026-11-25T00:05:00.000Z');
    expect(nextRunAt('00:05', new Date('2026-11-25T00:05:00Z')).toISOString()).toBe('2026-11-26T00:05:00.000Z');
    expect(nextRunAt('23:30', new Date('2026-12-31T23:45:00Z')).toISOString()).toBe('2027-01-01T23:30:00.000Z');
  });

  it('refuses a time that is not HH:MM', () => {
    expect(() => nextRunAt('24:00', new Date())).toThrow('not HH:MM');
    expect(() => nextRunAt('7:5', new Date())).toThrow('not HH:MM');
  });

  it('closes the days before today, across month and year ends', () => {
    expect(previousDay(new Date('2026-11-25T00:05:00Z'))).toBe('2026-11-24');
    expect(previousDay(new Date('2027-01-01T10:00:00Z'))).toBe('2026-12-31');
    expect(previousDay(new Date('2028-03-01T00:00:00Z'))).toBe('2028-02-29');
  });
});
