/** The canonical events the system layer publishes from the warehouse: fulfilment steps, shipments, stock changes and returns received. */
export const WAREHOUSE_EVENT_TYPES = [
  'fulfillment.released',
  'fulfillment.picked',
  'fulfillment.short_picked',
  'fulfillment.packed',
  'shipment.confirmed',
  'shipment.delivered',
  'inventory.changed',
  'inventory.adjusted',
  'inventory.received',
  'inventory.counted',
  'return.goods_received',
] as const;
export type WarehouseEventType = (typeof WAREHOUSE_EVENT_TYPES)[number];
