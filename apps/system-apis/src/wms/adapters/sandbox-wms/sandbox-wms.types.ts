/** Native shapes of the sandbox WMS: snake_case, quantities in the record's unit (`CS` or `EA`). */

export interface WmsSite {
  site_id: string;
  site_name: string;
  region_code: string;
  transit_days?: Record<string, number>;
}

export interface WmsItem {
  item_code: string;
  descr?: string;
  base_uom: string;
  /** Eaches per case. */
  case_qty: number;
}

/** Stock status: 10 available, 20 quality hold, 30 damaged. */
export interface WmsStockRecord {
  site_id: string;
  item_code: string;
  lot_no?: string;
  uom: string;
  /** Eaches per `uom` when it is a case. */
  pack_qty?: number;
  qty_on_hand: number;
  qty_allocated: number;
  status_code: number;
}

/** Replenishment parameters of an item at a site, in eaches. */
export interface WmsReplenishmentParam {
  site_id: string;
  item_code: string;
  safety_qty: number;
  reorder_point?: number;
}

/** Transfer status: 10 open, 20 in transit, 30 received. */
export interface WmsTransfer {
  transfer_id: string;
  item_code: string;
  from_site: string;
  to_site: string;
  qty: number;
  uom: string;
  /** Eaches per `uom` when it is a case. */
  pack_qty?: number;
  status_code: number;
  /** Expected arrival, YYYY-MM-DD (or a full ISO timestamp). */
  eta: string;
}

export interface WmsLine {
  line_no?: number;
  item_code: string;
  qty: number;
  uom: string;
  lot_no?: string;
  serial_nos?: string[];
}

export interface WmsOutboundOrder {
  ob_order_id: string;
  ext_ref: string;
  site_id: string;
  status_code: number;
  status_history?: { status_code: number; ts: string }[];
  carrier_scac?: string | null;
  tracking_no?: string | null;
  lines: WmsOutboundOrderLine[];
}

/** An outbound order line with its progress: eaches shipped and the lots they were picked from. */
export interface WmsOutboundOrderLine extends WmsLine {
  qty_shipped_ea?: number;
  picked_lots?: { lot_no: string; qty_ea: number }[];
}

export interface WmsShipTo {
  name: string;
  address1: string;
  city: string;
  state: string;
  postal_code: string;
  country: string;
}

export interface WmsOutboundOrderCreate {
  ext_ref: string;
  site_id: string;
  ship_to: WmsShipTo;
  lines: { line_no: number; item_code: string; qty: number; uom: string }[];
}

/** RMA order status: 100 expected, 300 received. Dispositions: RESTOCK, REFURB, SCRAP. */
export interface WmsRmaLine {
  line_no: number;
  item_code: string;
  qty: number;
  uom: string;
  /** The announced quantity in eaches (0 on a line the receipt added), and what arrived in eaches. */
  qty_ea: number;
  lot_no?: string | null;
  qty_received_ea?: number;
  qty_over_ea?: number;
  receipts?: { disposition_code: string; qty_ea: number; lot_no?: string | null }[];
}

/** An expected inbound return (RMA order) at one site; `ext_ref` is the caller's RMA number. */
export interface WmsRmaOrder {
  rma_id: string;
  ext_ref: string;
  site_id: string;
  status_code: number;
  over_received?: boolean;
  lines: WmsRmaLine[];
}

export interface WmsRmaOrderCreate {
  ext_ref: string;
  site_id: string;
  lines: { line_no: number; item_code: string; qty: number; uom: 'EA'; lot_no?: string }[];
}
