import type { AddressDto, OrderStatus, UnitOfMeasure } from '@contracts';
import type { Queryable } from '@platform';

/** An order as releasing its legs needs it, locked in the caller's transaction (a cancellation locks it the same way). */
export interface ReleasableOrder {
  readonly status: string;
  readonly erpOrderNumber?: string;
  readonly omsOrderId?: string;
  readonly shipTo: AddressDto;
}

export interface ShortfallLine {
  readonly lineNumber: number;
  readonly sku: string;
  /** In the line's unit. */
  readonly quantity: number;
  readonly uom: UnitOfMeasure;
  readonly promisedDate: string | null;
}

/**
 * What fulfilment needs of the orders it fulfils. The port is fulfilment's; ordering implements
 * it (OrderProgressService), so ordering depends on fulfilment and never the reverse, and an
 * order's status stays ordering's to write (through its status machine).
 */
export abstract class FulfilledOrders {
  abstract lockForRelease(tx: Queryable, orderId: string): Promise<ReleasableOrder | undefined>;
  /** The order's legs went to the warehouses. Returns the order's new status when it changed. */
  abstract legsReleased(tx: Queryable, orderId: string, note: string, correlationId: string | undefined): Promise<OrderStatus | undefined>;
  /**
   * The legs' statuses say the order is now `status`: applied when that moves it forward, else only
   * noted on its timeline. Returns the order's new status when it changed.
   */
  abstract fulfilmentProgressed(
    tx: Queryable,
    orderId: string,
    status: 'released' | 'partially_shipped' | 'shipped',
    note: string,
    correlationId: string | undefined,
  ): Promise<'partially_shipped' | 'shipped' | undefined>;
  /** Notes `note` on the order's timeline under its current status. */
  abstract note(tx: Queryable, orderId: string, note: string, correlationId: string | undefined): Promise<void>;
  /** A short pick left part of a line waiting for supply. */
  abstract backordered(tx: Queryable, orderId: string, line: ShortfallLine, note: string, correlationId: string | undefined): Promise<void>;
  /** Customers with orders on credit hold. */
  abstract creditHeldCustomers(): Promise<string[]>;
  /** The customer's credit block was lifted: its credit holds are accepted (and so released). Returns how many. */
  abstract releaseCreditHolds(tx: Queryable, customerId: string, note: string): Promise<number>;
}
