import { readEnv } from '@platform';
import { z } from 'zod';
import type { ReconciliationThresholds } from './domain/reconciliation.js';

/** Reconciliation of the gateway with the backends: when it runs by itself, what it compares, what counts. */
export interface ReconciliationConfig {
  /** A run every this many milliseconds (on the instance holding the `reconciliation` lease); 0: only on demand. */
  readonly intervalMs: number;
  readonly thresholds: ReconciliationThresholds;
  /** Orders, shipments and invoices created this many days back are compared (stock: all of it). */
  readonly lookbackDays: number;
  /** A stock variance is read again after this long and kept only when it is still there (an event in flight is no drift). */
  readonly settleMs: number;
  /** A WMS shipment younger than this is not re-fetched yet: its event may still be on the way (the WMS retries for a few seconds). */
  readonly shipmentGraceMs: number;
}

export const defaultReconciliationConfig: ReconciliationConfig = {
  intervalMs: 0,
  thresholds: { stockUnits: 0, amount: 0.01 },
  lookbackDays: 30,
  settleMs: 1_000,
  shipmentGraceMs: 60_000,
};

const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

export function reconciliationConfigFromEnv(env: NodeJS.ProcessEnv): ReconciliationConfig {
  const d = defaultReconciliationConfig;
  const parsed = readEnv(
    z.object({
      RECONCILIATION_INTERVAL_MS: nonNegativeInt(d.intervalMs),
      RECONCILIATION_STOCK_THRESHOLD_UNITS: nonNegativeInt(d.thresholds.stockUnits),
      RECONCILIATION_AMOUNT_THRESHOLD: z.coerce.number().min(0).default(d.thresholds.amount),
      RECONCILIATION_LOOKBACK_DAYS: z.coerce.number().int().positive().default(d.lookbackDays),
      RECONCILIATION_SETTLE_MS: nonNegativeInt(d.settleMs),
      RECONCILIATION_SHIPMENT_GRACE_MS: nonNegativeInt(d.shipmentGraceMs),
    }),
    env,
  );
  return {
    intervalMs: parsed.RECONCILIATION_INTERVAL_MS,
    thresholds: { stockUnits: parsed.RECONCILIATION_STOCK_THRESHOLD_UNITS, amount: parsed.RECONCILIATION_AMOUNT_THRESHOLD },
    lookbackDays: parsed.RECONCILIATION_LOOKBACK_DAYS,
    settleMs: parsed.RECONCILIATION_SETTLE_MS,
    shipmentGraceMs: parsed.RECONCILIATION_SHIPMENT_GRACE_MS,
  };
}
