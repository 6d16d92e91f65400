import { Inject, Injectable, Logger } from '@nestjs/common';
import { SystemApiClient, type CancelOrderDto, type OrderDto } from '@contracts';
import { ConflictError, currentCorrelationId, Database, NotFoundError } from '@platform';
import { FulfillmentRepository } from '../../fulfillment/fulfillment.repository.js';
import { StockChanges } from '../../promising/atp/stock-changes.js';
import { ReservationRepository } from '../../promising/reservations/reservation.repository.js';
import { orderTransition } from '../domain/order-status.js';
import { OrderProgressService } from '../order-progress/order-progress.service.js';
import { toOrderDto } from '../order.mapper.js';
import { OrderRepository } from '../order.repository.js';
import { OrderingMetrics } from '../ordering.metrics.js';

/**
 * Cancels an order before it is released to the warehouses. The order row is locked as the
 * leg-release consumer locks it (OrderRepository.releaseInfo), so of a cancel and a release
 * racing for the same order exactly one wins: a cancel that comes second finds released legs
 * (409), a release that comes second finds the order cancelled and skips it. The OMS and the ERP
 * (its sales order's items rejected) are told before the commit: if either cannot be, nothing
 * changes here and the caller may retry (both steps are idempotent).
 */
@Injectable()
export class CancelOrderService {
  private readonly logger = new Logger(CancelOrderService.name);

  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly system: SystemApiClient,
    private readonly orders: OrderRepository,
    private readonly progress: OrderProgressService,
    private readonly legs: FulfillmentRepository,
    private readonly reservations: ReservationRepository,
    private readonly stockChanges: StockChanges,
    private readonly metrics: OrderingMetrics,
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
      const cancel = orderTransition(order.status, { kind: 'cancelled_by_customer' });
      if (cancel.kind === 'stale') return undefined; // cancelling twice answers the cancelled order again
      if (
        (cancel.kind === 'invalid' && cancel.code === 'ALREADY_RELEASED') ||
        (await this.legs.legStatuses(tx, orderId)).some((s) => s !== 'planned' && s !== 'cancelled')
      ) {
        throw alreadyReleased();
      }
      if (cancel.kind === 'invalid') {
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
      // the ERP's commercial order goes too, so it neither waits for delivery nor holds the customer's credit
      if (order.erpOrderNumber) await this.system.cancelSalesOrder(order.erpOrderNumber);
      await this.legs.cancelPlannedLegs(tx, orderId);
      await this.progress.apply(tx, orderId, { kind: 'cancelled_by_customer' }, note, currentCorrelationId());
      return this.reservations.releaseIn(tx, orderId);
    });
    if (freed) {
      this.metrics.orderCancelled();
      if (freed.length) this.stockChanges.changed(freed.map((h) => h.sku));
      this.logger.log({ orderId, freed: freed.length }, 'order cancelled');
    }
    const order = (await this.orders.findForCustomer(orderId, request.customerId))!;
    return { ...toOrderDto(order), legs: await this.legs.legsOf(orderId) };
  }
}

export const orderNotFound = () => new NotFoundError('ORDER.NOT_FOUND', 'No such order.');
const alreadyReleased = () => new ConflictError('ORDER.ALREADY_RELEASED', 'The order has been released to the warehouse and can no longer be cancelled.');
