import { Inject, Injectable, Logger } from '@nestjs/common';
import { SystemApiClient, type CancelOrderDto, type OrderDto, type OrderStatus } from '@contracts';
import { ConflictError, currentCorrelationId, Database, NotFoundError } from '@platform';
import { FulfillmentRepository } from '../../fulfillment/fulfillment.repository.js';
import { StockChanges } from '../../promising/atp/stock-changes.js';
import { ReservationRepository } from '../../promising/reservations/reservation.repository.js';
import { OrderRepository } from '../order.repository.js';

/** Statuses in which no leg has gone to a warehouse yet (each leg is still checked: a backordered order may have released ones). */
const CANCELLABLE: readonly OrderStatus[] = ['accepted', 'on_hold', 'backordered'];
const RELEASED: readonly OrderStatus[] = ['released', 'partially_shipped', 'shipped', 'invoiced'];

export const CANCELLED_REASON = 'CUSTOMER_REQUEST';

/**
 * Cancels an order before it is released to the warehouses. The order row is locked as the
 * leg-release consumer locks it (OrderRepository.releaseInfo), so of a cancel and a release
 * racing for the same order exactly one wins: a cancel that comes second finds released legs
 * (409), a release that comes second finds the order cancelled and skips it. The OMS is told
 * before the commit: if it cannot be, nothing changes and the caller may retry.
 */
@Injectable()
export class CancelOrderService {
  private readonly logger = new Logger(CancelOrderService.name);

  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly system: SystemApiClient,
    private readonly orders: OrderRepository,
    private readonly legs: FulfillmentRepository,
    private readonly reservations: ReservationRepository,
    private readonly stockChanges: StockChanges,
  ) {}

  async execute(orderId: string, request: CancelOrderDto): Promise<OrderDto> {
    const freed = await this.db.transaction(async (tx) => {
      const order = await this.orders.lockForChange(tx, orderId);
      if (
        !order ||
        order.customerId !== request.customerId ||
        (request.partnerId !== undefined && order.partnerId !== request.partnerId) ||
        order.status === 'pending' ||
        order.status === 'failed'
      ) {
        throw orderNotFound();
      }
      if (order.status === 'cancelled') return []; // cancelling twice answers the cancelled order again
      if (RELEASED.includes(order.status) || (await this.legs.legStatuses(tx, orderId)).some((s) => s !== 'planned' && s !== 'cancelled')) {
        throw alreadyReleased();
      }
      if (!CANCELLABLE.includes(order.status)) {
        throw new ConflictError('ORDER.NOT_CANCELLABLE', `An order in status ${order.status} cannot be cancelled.`);
      }
      // a release creates the WMS order before it commits: one that failed after that call left the warehouse an order
      // we have not recorded yet (its retry will), so the warehouse may already be working on it
      if (order.status !== 'on_hold' && order.erpOrderNumber && (await this.system.findFulfillmentOrders(order.erpOrderNumber)).length) {
        throw alreadyReleased();
      }
      const note = request.reason ? `cancelled by the customer: ${request.reason}` : 'cancelled by the customer';
      if (order.omsOrderId) {
        // a retry after a commit that failed finds the OMS order cancelled already (CANCELLED is final there)
        const oms = await this.system.getOmsOrder(order.omsOrderId);
        if (oms.status !== 'cancelled') await this.system.transitionOmsOrder(order.omsOrderId, { status: 'cancelled', note });
      }
      await this.legs.cancelPlannedLegs(tx, orderId);
      await this.orders.setStatusReason(tx, orderId, CANCELLED_REASON);
      await this.orders.setStatus(tx, orderId, 'cancelled', note, currentCorrelationId());
      return this.reservations.releaseIn(tx, orderId);
    });
    if (freed.length) this.stockChanges.changed(freed.map((h) => h.sku));
    this.logger.log({ orderId, freed: freed.length }, 'order cancelled');
    const order = (await this.orders.findForCustomer(orderId, request.customerId))!;
    return { ...order, legs: await this.legs.legsOf(orderId) };
  }
}

export const orderNotFound = () => new NotFoundError('ORDER.NOT_FOUND', 'No such order.');
const alreadyReleased = () => new ConflictError('ORDER.ALREADY_RELEASED', 'The order has been released to the warehouse and can no longer be cancelled.');
