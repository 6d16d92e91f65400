export const OMS_STATES = ['CREATED', 'ON_HOLD', 'RELEASED', 'BACKORDERED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'INVOICED', 'CANCELLED'] as const;
export type OmsState = (typeof OMS_STATES)[number];

export interface OmsHistoryEntry {
  state: OmsState;
  at: string;
  note: string;
}

export interface OmsOrder {
  oms_id: string;
  channel_ref: string;
  channel: string;
  customer_ref: string;
  erp_ref: string | null;
  state: OmsState;
  created_at: string;
  updated_at: string;
  history: OmsHistoryEntry[];
}
