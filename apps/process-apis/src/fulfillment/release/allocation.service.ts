import { Injectable } from '@nestjs/common';
import type { EventEnvelopeDto } from '@contracts';
import type { Queryable } from '@platform';
import { ReservationRepository } from '../../promising/reservations/reservation.repository.js';
import { FulfillmentRepository } from '../fulfillment.repository.js';

/**
 * Ends a released leg's holds when the WMS's `inventory.changed` (reason allocation) for its sku
 * is applied, in that same transaction: the projection's `allocated` and `reserved` move
 * together. The leg is found through the event that caused the allocation (the WMS's release
 * confirmation, already in the inbox) and locked, so this waits for a release still committing.
 */
@Injectable()
export class AllocationService {
  constructor(
    private readonly legs: FulfillmentRepository,
    private readonly reservations: ReservationRepository,
  ) {}

  async onAllocation(tx: Queryable, event: EventEnvelopeDto): Promise<void> {
    const sku = event.data.sku;
    if (event.data.reason !== 'allocation' || !event.causationId || typeof sku !== 'string') return;
    const [cause] = await tx.query<{ payload: EventEnvelopeDto | string }>('SELECT payload FROM inbox WHERE event_id = $1 LIMIT 1', [event.causationId]);
    if (!cause) return;
    const data = (typeof cause.payload === 'string' ? (JSON.parse(cause.payload) as EventEnvelopeDto) : cause.payload).data;
    const erpOrderNumber = typeof data.erpOrderNumber === 'string' ? data.erpOrderNumber : undefined;
    const warehouseId = typeof data.warehouseId === 'string' ? data.warehouseId : undefined;
    const leg = await this.legs.findLeg(tx, { erpOrderNumber, warehouseId });
    if (!leg) return;
    if (leg.status === 'planned') await this.legs.addPendingAllocation(tx, leg, sku);
    else await this.reservations.allocate(tx, leg.orderId, leg.warehouseId, sku);
  }
}
