import { describe, expect, it } from '@jest/globals';
import { defaultReconciliationConfig, reconciliationConfigFromEnv } from './reconciliation.config.js';

describe('reconciliationConfigFromEnv', () => {
  it('is off on a schedule by default, with exact thresholds', () => {
    expect(reconciliationConfigFromEnv({})).toEqual(defaultReconciliationConfig);
    expect(defaultReconciliationConfig.intervalMs).toBe(0);
  });

  it('reads the schedule, thresholds and windows', () => {
    expect(
      reconciliationConfigFromEnv({
        RECONCILIATION_INTERVAL_MS: '900000',
        RECONCILIATION_STOCK_THRESHOLD_UNITS: '2',
        RECONCILIATION_AMOUNT_THRESHOLD: '0.5',
        RECONCILIATION_LOOKBACK_DAYS: '7',
        RECONCILIATION_SETTLE_MS: '0',
        RECONCILIATION_SHIPMENT_GRACE_MS: '120000',
      }),
    ).toEqual({ intervalMs: 900_000, thresholds: { stockUnits: 2, amount: 0.5 }, lookbackDays: 7, settleMs: 0, shipmentGraceMs: 120_000 });
  });

  it('stops start-up naming the variable that is wrong', () => {
    expect(() => reconciliationConfigFromEnv({ RECONCILIATION_INTERVAL_MS: '-1' })).toThrow(/RECONCILIATION_INTERVAL_MS/);
    expect(() => reconciliationConfigFromEnv({ RECONCILIATION_AMOUNT_THRESHOLD: 'a lot' })).toThrow(/RECONCILIATION_AMOUNT_THRESHOLD/);
    expect(() => reconciliationConfigFromEnv({ RECONCILIATION_LOOKBACK_DAYS: '0' })).toThrow(/RECONCILIATION_LOOKBACK_DAYS/);
  });
});
