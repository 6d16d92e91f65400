import type { FulfillmentPolicyDto, PlannedLegDto, PromisedLineDto, PromiseStatus, WarehouseDto } from '@contracts';
import { UnprocessableError } from '@platform';
import type { ResolvedLine } from '../../catalog/domain/order-lines.js';
import { sourceOrder, SourcingInputError, type InboundSupply } from './sourcing.policy.js';

/** Pure: turns order lines in any unit into a sourcing request and its answer back into the lines' units. */

export interface PromiseInputs {
  readonly lines: readonly ResolvedLine[];
  /** Available now per (sku, warehouse), base units. */
  readonly available: readonly { sku: string; warehouseId: string; available: number }[];
  /** Base units, not yet promised to backorders. */
  readonly inbound: readonly InboundSupply[];
  readonly warehouses: readonly WarehouseDto[];
  /** Transit region of the ship-to; undefined: no transit preference. */
  readonly region?: string;
  readonly allowPartialShipment: boolean;
  readonly policy: FulfillmentPolicyDto;
  /** ISO date the stock on hand would ship. */
  readonly shipDate: string;
}

/** Stock to reserve, base units. */
export interface PlannedClaim {
  readonly lineNumber: number;
  readonly sku: string;
  readonly warehouseId: string;
  readonly quantity: number;
}

export interface PromisePlan {
  readonly status: PromiseStatus;
  readonly lines: PromisedLineDto[];
  readonly legs: PlannedLegDto[];
  readonly claims: PlannedClaim[];
}

/**
 * Each sku is sourced in the unit its lines use (whole cases for lines in cases), so every
 * leg is a whole number in the line's unit. Lines of one sku in two units are refused.
 */
export function planPromise(input: PromiseInputs): PromisePlan {
  const unitOf = skuUnits(input.lines);
  const inUnit = (sku: string, base: number) => Math.floor(base / unitOf.get(sku)!);
  const skus = new Set(unitOf.keys());

  const warehouses = input.warehouses.map((w) => ({
    warehouseId: w.warehouseId,
    transitDays: input.region ? (w.transitDays[input.region] ?? 0) : 0,
    available: Object.fromEntries(
      input.available.filter((a) => a.warehouseId === w.warehouseId && skus.has(a.sku)).map((a) => [a.sku, inUnit(a.sku, a.available)]),
    ),
  }));
  const inbound = input.inbound
    .filter((s) => skus.has(s.sku))
    .map((s) => ({ ...s, quantity: inUnit(s.sku, s.quantity) }))
    .filter((s) => s.quantity > 0);

  let result;
  try {
    result = sourceOrder({
      lines: input.lines.map((l) => ({ lineNumber: l.lineNumber, sku: l.sku, quantity: l.quantity })),
      warehouses,
      inbound,
      allowPartialShipment: input.allowPartialShipment,
      customer: { whenShipCompleteImpossible: input.policy.whenShipCompleteImpossible, backorderWithoutDate: input.policy.backorderWithoutDate },
      shipDate: input.shipDate,
    });
  } catch (error) {
    if (error instanceof SourcingInputError) throw new UnprocessableError(error.code, error.message, error.errors);
    throw error;
  }

  const byNumber = new Map(input.lines.map((l) => [l.lineNumber, l]));
  return {
    status: result.status,
    lines: result.lines.map((line) => ({
      lineNumber: line.lineNumber,
      sku: line.sku,
      quantity: line.quantity,
      uom: byNumber.get(line.lineNumber)!.uom,
      legs: line.legs.map((leg) => ({ ...leg })),
      backordered: { ...line.backordered },
      rejected: { ...line.rejected },
    })),
    legs: result.legs.map((leg) => ({
      warehouseId: leg.warehouseId,
      promisedShipDate: leg.promisedShipDate,
      lines: leg.lines.map((l) => ({ ...l, uom: byNumber.get(l.lineNumber)!.uom })),
    })),
    claims: result.lines.flatMap((line) =>
      line.legs.map((leg) => ({ lineNumber: line.lineNumber, sku: line.sku, warehouseId: leg.warehouseId, quantity: leg.quantity * unitOf.get(line.sku)! })),
    ),
  };
}

function skuUnits(lines: readonly ResolvedLine[]): Map<string, number> {
  const units = new Map<string, number>();
  lines.forEach((line, index) => {
    const known = units.get(line.sku);
    if (known !== undefined && known !== line.factor) {
      throw new UnprocessableError('PROMISE.MIXED_UNITS', `Order ${line.sku} in one unit per order (cases or eaches).`, [
        { field: `lines[${index}].uom`, messages: [`${line.sku} is already ordered in another unit`] },
      ]);
    }
    units.set(line.sku, line.factor);
  });
  return units;
}
