import type {
  CreateFulfillmentOrderDto,
  CreateWmsReturnReceiptDto,
  FulfillmentOrderDto,
  InventoryPositionDto,
  WarehouseDto,
  WmsReturnReceiptDto,
} from '@contracts';

/** The WMS's capabilities, in canonical terms (quantities in base eaches). */

export abstract class WmsInventory {
  abstract listWarehouses(): Promise<WarehouseDto[]>;
  /**
   * One position per warehouse that holds the sku or has it in transit, sorted by sku then
   * warehouse; every sku's positions when `sku` is absent. None when no warehouse does.
   */
  abstract getPositions(sku?: string): Promise<InventoryPositionDto[]>;
  /** The position of one sku in one warehouse; all zeros when the warehouse neither holds nor expects it. */
  abstract getPosition(sku: string, warehouseId: string): Promise<InventoryPositionDto>;
}

export abstract class WmsFulfillment {
  /** Releases an outbound order to one warehouse; the WMS allocates it. */
  abstract create(order: CreateFulfillmentOrderDto): Promise<FulfillmentOrderDto>;
  /** The outbound orders of one ERP order (optionally one warehouse), so a retried release can find what it created. */
  abstract find(erpOrderNumber: string, warehouseId?: string): Promise<FulfillmentOrderDto[]>;
}

export abstract class WmsReturns {
  /** Announces an inbound return; idempotent on the RMA number: again, it answers the first receipt (`created: false`) and ignores the body. */
  abstract createReceipt(receipt: CreateWmsReturnReceiptDto): Promise<{ receipt: WmsReturnReceiptDto; created: boolean }>;
  /** The receipts announced under an RMA number (one, or none). */
  abstract findReceipts(rmaNumber: string): Promise<WmsReturnReceiptDto[]>;
}
