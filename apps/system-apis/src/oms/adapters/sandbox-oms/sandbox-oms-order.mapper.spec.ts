import { describe, expect, it } from '@jest/globals';
import { OMS_STATUSES } from '@contracts';
import { toOmsOrderCreate, toOmsOrderDto, toOmsState, toOmsStatus, toOmsTransition } from './sandbox-oms-order.mapper.js';

describe('OMS states', () => {
  it('round-trips every canonical status through the native UPPER_SNAKE state', () => {
    for (const status of OMS_STATUSES) expect(toOmsStatus(toOmsState(status))).toBe(status);
    expect(toOmsState('partially_shipped')).toBe('PARTIALLY_SHIPPED');
  });

  it('refuses a state the canonical model does not know', () => {
    expect(() => toOmsStatus('LOST_IN_SPACE')).toThrow(/Unknown OMS state LOST_IN_SPACE/);
  });
});

describe('OMS order mapping', () => {
  it('maps a registration and a transition to native bodies', () => {
    expect(
      toOmsOrderCreate({ channelOrderRef: 'b2b:acme:1', channel: 'b2b', customerId: '10100001', erpOrderNumber: '4500000001', status: 'on_hold' }),
    ).toEqual({
      channel_ref: 'b2b:acme:1',
      channel: 'b2b',
      customer_ref: '10100001',
      erp_ref: '4500000001',
      state: 'ON_HOLD',
    });
    expect(toOmsTransition({ status: 'released', note: 'to DC01' })).toEqual({ to_state: 'RELEASED', note: 'to DC01' });
    expect(toOmsTransition({ status: 'released' })).toEqual({ to_state: 'RELEASED' });
  });

  it('maps the order and its history, oldest first, timestamps as ISO', () => {
    const order = toOmsOrderDto({
      oms_id: 'OMS-000001',
      channel_ref: 'b2b:acme:1',
      state: 'RELEASED',
      history: [
        { state: 'RELEASED', at: '2026-11-23T10:05:00Z', note: 'to DC01' },
        { state: 'CREATED', at: '2026-11-23T10:00:00.000Z' },
      ],
    });
    expect(order).toEqual({
      omsOrderId: 'OMS-000001',
      channelOrderRef: 'b2b:acme:1',
      status: 'released',
      timeline: [
        { status: 'created', at: '2026-11-23T10:00:00.000Z' },
        { status: 'released', at: '2026-11-23T10:05:00.000Z', note: 'to DC01' },
      ],
    });
  });

  it('tolerates a missing history and refuses a bad timestamp', () => {
    expect(toOmsOrderDto({ oms_id: 'OMS-1', state: 'CREATED' }).timeline).toEqual([]);
    expect(() => toOmsOrderDto({ oms_id: 'OMS-1', state: 'CREATED', history: [{ state: 'CREATED', at: 'later' }] })).toThrow(/not a date/);
  });
});
