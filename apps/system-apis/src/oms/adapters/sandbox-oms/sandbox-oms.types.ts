/** Native shapes of the sandbox OMS. States are UPPER_SNAKE (`CREATED`, `PARTIALLY_SHIPPED`…). */

export interface OmsHistoryEntry {
  state: string;
  at: string;
  note?: string;
}

export interface OmsOrder {
  oms_id: string;
  channel_ref?: string;
  channel?: string;
  customer_ref?: string;
  erp_ref?: string;
  state: string;
  history?: OmsHistoryEntry[];
}

export interface OmsOrderCreate {
  channel_ref: string;
  channel: string;
  customer_ref: string;
  erp_ref: string;
  state: string;
}

export interface OmsTransition {
  to_state: string;
  note?: string;
}
