import { Injectable } from '@nestjs/common';
import type { AvailabilityDto, AvailabilityQueryDto } from '@contracts';
import { CatalogService } from '../catalog/catalog.service.js';
import { requireItemUnit } from '../catalog/domain/order-lines.js';
import { AtpRepository } from '../promising/atp/atp.repository.js';
import { AtpProjectionService } from '../promising/atp/atp-projection.service.js';
import { AvailabilitySnapshotCache } from '../promising/atp/availability-snapshot.cache.js';
import { shipToRegion } from '../promising/domain/ship-to-region.js';

const addDays = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Stock per warehouse in the unit asked for, answered from the ATP projection (through a
 * short-lived snapshot cache): no backend is called on this path, so reads go on (flagged
 * stale) while the WMS is down.
 */
@Injectable()
export class AvailabilityService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly atp: AtpRepository,
    private readonly snapshots: AvailabilitySnapshotCache,
    private readonly projection: AtpProjectionService,
  ) {}

  async check(query: AvailabilityQueryDto): Promise<AvailabilityDto> {
    const { sku, quantity } = query;
    const uom = query.uom ?? 'EA';
    const factor = requireItemUnit(this.catalog.find(sku), sku, uom);
    const [{ available: positions, inbound }, warehouses, freshness] = await Promise.all([
      this.snapshots.read(sku),
      this.atp.warehouses(),
      this.projection.freshness(),
    ]);
    const region = query.region || query.shipToPostalCode ? shipToRegion({ region: query.region, postalCode: query.shipToPostalCode }) : undefined;
    const shipDate = new Date().toISOString().slice(0, 10);
    const availableAt = new Map(positions.map((p) => [p.warehouseId, p.available]));
    // whole units only: 13 eaches are 1 case of 12 available
    const rows = warehouses
      .map((w) => {
        const transitDays = region ? w.transitDays[region] : undefined;
        return {
          warehouseId: w.warehouseId,
          available: Math.floor((availableAt.get(w.warehouseId) ?? 0) / factor),
          promisedShipDate: shipDate,
          ...(transitDays === undefined ? {} : { transitDays, estimatedDeliveryDate: addDays(shipDate, transitDays) }),
        };
      })
      .filter((w) => w.available > 0 || availableAt.has(w.warehouseId))
      .sort((a, b) => (a.transitDays ?? 0) - (b.transitDays ?? 0) || b.available - a.available);
    const totalAvailable = rows.reduce((sum, w) => sum + w.available, 0);
    const byDate = new Map<string, number>();
    for (const supply of inbound) byDate.set(supply.eta, (byDate.get(supply.eta) ?? 0) + supply.quantity);
    return {
      sku,
      requestedQuantity: quantity,
      uom,
      totalAvailable,
      canFulfill: totalAvailable >= quantity,
      warehouses: rows,
      inbound: [...byDate]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, base]) => ({ date, quantity: Math.floor(base / factor) }))
        .filter((d) => d.quantity > 0),
      asOf: freshness.asOf.toISOString(),
      stale: freshness.stale,
      ageSeconds: freshness.ageSeconds,
    };
  }
}
