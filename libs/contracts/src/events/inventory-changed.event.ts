import { ApiProperty } from '@nestjs/swagger';
import { InventoryPositionDto } from '../model/master-data.dto.js';

export const INVENTORY_CHANGE_REASONS = ['receipt', 'pick', 'adjustment', 'cycle_count', 'allocation'] as const;
export type InventoryChangeReason = (typeof INVENTORY_CHANGE_REASONS)[number];

/**
 * `inventory.changed` v1: the WMS's figures for one (sku, warehouse) after a change, so a
 * consumer can replace its copy without reading the WMS. Subject: `inventory/<sku>/<warehouseId>`.
 */
export class InventoryChangedDataDto extends InventoryPositionDto {
  static readonly type = 'inventory.changed';
  static readonly version = 1;

  @ApiProperty({ example: 'receipt', enum: INVENTORY_CHANGE_REASONS })
  readonly reason!: InventoryChangeReason;
}
