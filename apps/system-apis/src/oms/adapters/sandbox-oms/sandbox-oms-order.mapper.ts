import { OMS_STATUSES, type OmsOrderDto, type OmsStatus, type OmsTransitionDto, type RegisterOmsOrderDto } from '@contracts';
import { unmappable } from '../../../vendor/vendor-error.js';
import type { OmsHistoryEntry, OmsOrder, OmsOrderCreate, OmsTransition } from './sandbox-oms.types.js';

/** `partially_shipped` -> `PARTIALLY_SHIPPED`. */
export function toOmsState(status: OmsStatus): string {
  return status.toUpperCase();
}

/** `PARTIALLY_SHIPPED` -> `partially_shipped`; a state the canonical model doesn't know is a broken contract. */
export function toOmsStatus(state: string): OmsStatus {
  const status = OMS_STATUSES.find((known) => known === state.trim().toLowerCase());
  if (!status) throw unmappable('oms', `Unknown OMS state ${state}`);
  return status;
}

export function toOmsOrderCreate(order: RegisterOmsOrderDto): OmsOrderCreate {
  return {
    channel_ref: order.channelOrderRef,
    channel: order.channel,
    customer_ref: order.customerId,
    erp_ref: order.erpOrderNumber,
    state: toOmsState(order.status),
  };
}

export function toOmsTransition(transition: OmsTransitionDto): OmsTransition {
  return { to_state: toOmsState(transition.status), ...(transition.note ? { note: transition.note } : {}) };
}

/** The timeline is oldest first, whatever order the OMS keeps it in. */
export function toOmsOrderDto(native: OmsOrder): OmsOrderDto {
  const timeline = (native.history ?? []).map(toTimelineEntry).sort((a, b) => a.at.localeCompare(b.at));
  return { omsOrderId: native.oms_id, channelOrderRef: native.channel_ref ?? '', status: toOmsStatus(native.state), timeline };
}

function toTimelineEntry(entry: OmsHistoryEntry): OmsOrderDto['timeline'][number] {
  const at = new Date(entry.at);
  if (Number.isNaN(at.getTime())) throw unmappable('oms', `History timestamp ${entry.at} is not a date`);
  return { status: toOmsStatus(entry.state), at: at.toISOString(), ...(entry.note ? { note: entry.note } : {}) };
}
