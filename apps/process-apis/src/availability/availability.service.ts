import { Injectable } from '@nestjs/common';
import { SystemApiClient, type AvailabilityDto, type UnitOfMeasure } from '@contracts';
import { CatalogService } from '../catalog/catalog.service.js';
import { requireItemUnit } from '../ordering/domain/order-lines.js';

/**
 * Stock per warehouse in the unit asked for. Reads the WMS through the system layer for now;
 * the ATP projection (order promising) will answer this without going down to a backend.
 */
@Injectable()
export class AvailabilityService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly system: SystemApiClient,
  ) {}

  async check(sku: string, quantity: number, uom: UnitOfMeasure): Promise<AvailabilityDto> {
    const factor = requireItemUnit(this.catalog.find(sku), sku, uom);
    const positions = await this.system.getInventory(sku);
    const asOf = new Date().toISOString();
    // whole units only: 13 eaches are 1 case of 12 available
    const warehouses = positions.map((p) => ({ warehouseId: p.warehouseId, available: Math.floor(p.available / factor) }));
    const totalAvailable = warehouses.reduce((sum, w) => sum + w.available, 0);
    return { sku, requestedQuantity: quantity, uom, totalAvailable, canFulfill: totalAvailable >= quantity, warehouses, asOf };
  }
}
