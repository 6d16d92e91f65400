/** The WMS's own vocabulary: snake_case, numeric status codes, quantities in each record's unit. */
export interface WmsSite {
  site_id: string;
  site_name: string;
  region_code: string;
  transit_days: Record<string, number>;
}

export interface WmsItem {
  item_code: string;
  descr: string;
  base_uom: 'EA';
  case_qty: number;
}

export type WmsUom = 'CS' | 'EA';

export interface WmsStockRecord {
  site_id: string;
  item_code: string;
  lot_no: string;
  uom: WmsUom;
  /** Eaches per unit of this record (1 for EA). */
  pack_qty: number;
  qty_on_hand: number;
  qty_allocated: number;
  /** 10 available, 20 quality hold, 30 damaged. */
  status_code: 10 | 20 | 30;
  expiry_date: string | null;
}

/** Replenishment parameters of an item at a site; quantities in eaches. */
export interface WmsReplenishmentParam {
  site_id: string;
  item_code: string;
  /** Eaches kept back from allocation. */
  safety_qty: number;
  reorder_point: number;
}

/** Transfer status codes. */
export const TRANSFER_STATUS = { open: 10, inTransit: 20, received: 30 } as const;
export type WmsTransferStatus = (typeof TRANSFER_STATUS)[keyof typeof TRANSFER_STATUS];

/** A stock transfer between two sites, in `uom` (`pack_qty` eaches per unit). */
export interface WmsTransfer {
  transfer_id: string;
  item_code: string;
  from_site: string;
  to_site: string;
  qty: number;
  uom: WmsUom;
  pack_qty: number;
  status_code: WmsTransferStatus;
  /** Expected arrival, YYYY-MM-DD. */
  eta: string;
}

/** Outbound order status codes. */
export const OB_STATUS = {
  released: 100,
  allocated: 200,
  picked: 300,
  shortPicked: 350,
  packed: 400,
  shipped: 500,
  delivered: 600,
  cancelled: 900,
} as const;
export type WmsOutboundStatus = (typeof OB_STATUS)[keyof typeof OB_STATUS];

export interface WmsOutboundLine {
  line_no: number;
  item_code: string;
  /** As ordered, in `uom`. */
  qty: number;
  uom: WmsUom;
  /** The ordered quantity in eaches, and progress in eaches. */
  qty_ea: number;
  qty_allocated_ea: number;
  qty_picked_ea: number;
  qty_shipped_ea: number;
  /** Reserved stock, per lot, in the stock record's unit. */
  allocations: { lot_no: string; uom: WmsUom; qty: number }[];
  picked_lots: { lot_no: string; qty_ea: number }[];
}

export interface WmsOutboundOrder {
  ob_order_id: string;
  ext_ref: string;
  site_id: string;
  ship_to: Record<string, unknown>;
  status_code: WmsOutboundStatus;
  status_history: { status_code: WmsOutboundStatus; ts: string }[];
  carrier_scac: string | null;
  tracking_no: string | null;
  created_ts: string;
  updated_ts: string;
  lines: WmsOutboundLine[];
}

export const WMS_EVENT_CODES = [
  'OB_RELEASED',
  'OB_PICKED',
  'OB_SHORT_PICKED',
  'OB_PACKED',
  'OB_SHIPPED',
  'OB_DELIVERED',
  'INV_ADJUSTED',
  'INV_RECEIVED',
  'INV_COUNTED',
  'RMA_RECEIVED',
] as const;
export type WmsEventCode = (typeof WMS_EVENT_CODES)[number];

export interface WmsEventLine {
  line_no: number;
  item_code: string;
  qty: number;
  uom: WmsUom;
  lot_no?: string;
  serial_nos?: string[];
  /** RMA_RECEIVED: what became of the quantity. */
  disposition_code?: WmsDispositionCode;
}

export interface WmsEvent {
  event_id: string;
  event_code: WmsEventCode;
  event_ts: string;
  site_id: string;
  ob_order_id?: string;
  ext_ref?: string;
  lines: WmsEventLine[];
  carrier_scac?: string;
  tracking_no?: string;
  /** INV_ADJUSTED: why, as the operator gave it. */
  reason_code?: string;
  /** RMA_RECEIVED: the RMA order received (`ext_ref` is then its RMA number). */
  rma_id?: string;
  /** RMA_RECEIVED: more arrived than expected on some line (or an item not expected at all). */
  over_received?: boolean;
}

/** RMA order status codes: 100 expected (announced, nothing arrived yet), 300 received (one receipt closes it). */
export const RMA_STATUS = { expected: 100, received: 300 } as const;
export type WmsRmaStatus = (typeof RMA_STATUS)[keyof typeof RMA_STATUS];

/** Only RESTOCK goes back into available stock; REFURB goes to the refurbishment area, SCRAP is scrapped (neither is stock). */
export const WMS_DISPOSITION_CODES = ['RESTOCK', 'REFURB', 'SCRAP'] as const;
export type WmsDispositionCode = (typeof WMS_DISPOSITION_CODES)[number];

export interface WmsRmaLine {
  line_no: number;
  item_code: string;
  /** As announced, in `uom`; 0 on a line the receipt added for an item that was not expected. */
  qty: number;
  uom: WmsUom;
  /** The announced quantity in eaches, and what arrived in eaches. */
  qty_ea: number;
  /** The lot expected back, when the caller knew it. */
  lot_no: string | null;
  qty_received_ea: number;
  /** Eaches received beyond `qty_ea`. */
  qty_over_ea: number;
  receipts: { disposition_code: WmsDispositionCode; qty_ea: number; lot_no: string | null }[];
}

/** An expected inbound return (RMA receipt order) at one site. */
export interface WmsRmaOrder {
  rma_id: string;
  /** The caller's RMA number; unique: creating again with it answers the existing order. */
  ext_ref: string;
  site_id: string;
  status_code: WmsRmaStatus;
  over_received: boolean;
  created_ts: string;
  updated_ts: string;
  received_ts: string | null;
  lines: WmsRmaLine[];
}
