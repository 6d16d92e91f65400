import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { PromisingModule } from '../promising/promising.module.js';
import { AvailabilityController } from './availability.controller.js';
import { AvailabilityService } from './availability.service.js';

/** Availability reads, answered from promising's ATP projection alone. Exports nothing. */
@Module({
  imports: [CatalogModule, PromisingModule],
  controllers: [AvailabilityController],
  providers: [AvailabilityService],
})
export class AvailabilityModule {}
