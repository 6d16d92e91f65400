import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CreateOrderPromiseDto, CustomerDto, OrderPromiseDto, PromiseShipToDto } from '@contracts';
import { AppError } from '@platform';
import { CatalogService } from '../../catalog/catalog.service.js';
import { CustomerDirectory } from '../../catalog/customer-directory.js';
import { resolveLines, type ResolvedLine } from '../../catalog/domain/order-lines.js';
import { AtpRepository } from '../atp/atp.repository.js';
import { AtpProjectionService } from '../atp/atp-projection.service.js';
import { planPromise, type PromisePlan } from '../domain/promise-plan.js';
import { shipToRegion } from '../domain/ship-to-region.js';
import { DEFAULT_QUOTE_HOLD_MAX_SHARE, ProcessApisConfig } from '../../process.config.js';
import { ReservationRepository, type ReserveOptions } from '../reservations/reservation.repository.js';

export interface PromiseRequest {
  readonly lines: readonly ResolvedLine[];
  readonly customer: CustomerDto;
  readonly shipTo?: PromiseShipToDto;
  readonly allowPartialShipment?: boolean;
  readonly requestedShipDate?: string;
}

export interface ReservedPromise extends PromisePlan {
  readonly allowPartialShipment: boolean;
  readonly region?: string;
  readonly asOf: Date;
  readonly stale: boolean;
}

/** Another order may take the stock between reading and reserving; promise again from fresh figures this many times. */
const ATTEMPTS = 5;

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Order promising: what can ship from where and when, from the ATP projection (never a
 * backend on this path), and the reservation that makes the promise hold.
 */
@Injectable()
export class OrderPromiseService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly customers: CustomerDirectory,
    private readonly atp: AtpRepository,
    private readonly projection: AtpProjectionService,
    private readonly reservations: ReservationRepository,
    private readonly config: ProcessApisConfig,
  ) {}

  /** A quote: the promise without an order; with holdSeconds, the promised stock is held that long. */
  async quote(request: CreateOrderPromiseDto): Promise<OrderPromiseDto> {
    const lines = resolveLines(request.lines, (sku) => this.catalog.find(sku));
    const customer = await this.customers.get(request.customerId);
    const promiseId = `quote-${randomUUID()}`;
    const input = { lines, customer, shipTo: request.shipTo, allowPartialShipment: request.allowPartialShipment, requestedShipDate: request.requestedShipDate };
    const expiresAt = request.holdSeconds ? new Date(Date.now() + request.holdSeconds * 1000) : undefined;
    // a quote's hold is capped per partner (an order's reservation is not: it is a sale)
    const holdShare = { customerId: customer.customerId, maxShare: this.config.quoteHoldMaxShare ?? DEFAULT_QUOTE_HOLD_MAX_SHARE };
    const promise = expiresAt ? await this.promiseAndReserve(promiseId, input, { expiresAt, holdShare }) : await this.promise(input);
    return {
      promiseId,
      status: promise.status,
      shipToRegion: promise.region,
      allowPartialShipment: promise.allowPartialShipment,
      lines: promise.lines,
      legs: promise.legs,
      holdExpiresAt: expiresAt?.toISOString(),
      asOf: promise.asOf.toISOString(),
      stale: promise.stale,
    };
  }

  /** The promise from the current figures, reserving nothing. */
  async promise(request: PromiseRequest): Promise<ReservedPromise> {
    const skus = [...new Set(request.lines.map((l) => l.sku))];
    const [available, inbound, warehouses, freshness] = await Promise.all([
      this.atp.available(skus),
      this.atp.inbound(skus),
      this.atp.warehouses(),
      this.projection.freshness(),
    ]);
    if (!warehouses.length) {
      throw new AppError('PROMISE.NO_STOCK_FIGURES', 503, 'Service unavailable', {
        detail: 'Stock figures have not been read from the WMS yet; try again shortly.',
        retryAfterSeconds: 5,
      });
    }
    const allowPartialShipment = request.allowPartialShipment ?? !request.customer.fulfillmentPolicy.shipComplete;
    const region = request.shipTo ? shipToRegion(request.shipTo) : undefined;
    const shipDate = [today(), request.requestedShipDate?.slice(0, 10) ?? ''].sort().at(-1)!;
    const plan = planPromise({
      lines: request.lines,
      available,
      inbound,
      warehouses,
      region,
      allowPartialShipment,
      policy: request.customer.fulfillmentPolicy,
      shipDate,
    });
    return { ...plan, allowPartialShipment, region, asOf: freshness.asOf, stale: freshness.stale };
  }

  /**
   * Promises and reserves what it promised, as one step: when another order took the stock
   * in between (the conditional update refuses), promise again from the new figures.
   * Anything the holder held before (a retried request) is given back first.
   */
  async promiseAndReserve(holderId: string, request: PromiseRequest, options: ReserveOptions = {}): Promise<ReservedPromise> {
    await this.reservations.release(holderId);
    for (let attempt = 1; ; attempt++) {
      const promise = await this.promise(request);
      try {
        await this.reservations.reserve(holderId, promise.claims, options);
        return promise;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'PROMISE.STOCK_CHANGED') || attempt >= ATTEMPTS) throw error;
      }
    }
  }
}
