import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { AtpProjectionService } from './atp/atp-projection.service.js';
import { AtpRepository } from './atp/atp.repository.js';
import { AvailabilitySnapshotCache } from './atp/availability-snapshot.cache.js';
import { StockChanges } from './atp/stock-changes.js';
import { HoldExpiryService } from './holds/hold-expiry.service.js';
import { OrderPromiseController } from './promise-order/order-promise.controller.js';
import { OrderPromiseService } from './promise-order/order-promise.service.js';
import { ReservationRepository } from './reservations/reservation.repository.js';

/**
 * ATP projection, sourcing and reservations. HoldExpiryService needs StaleOrderAttempts (its own
 * port), which ordering binds in OrderRecordsModule (global), so this module never imports ordering.
 */
@Module({
  imports: [CatalogModule],
  controllers: [OrderPromiseController],
  providers: [StockChanges, AtpRepository, AvailabilitySnapshotCache, AtpProjectionService, ReservationRepository, OrderPromiseService, HoldExpiryService],
  exports: [StockChanges, AtpRepository, AvailabilitySnapshotCache, AtpProjectionService, ReservationRepository, OrderPromiseService],
})
export class PromisingModule {}
