import { Injectable, Logger } from '@nestjs/common';
import { ReturnGoodsReceivedData, type EventEnvelopeDto } from '@contracts';
import type { Queryable } from '@platform';
import { ChannelEventsWriter } from '../../channel-events/channel-events.writer.js';
import { returnTransition } from '../domain/return-status.js';
import { ReturnRepository, type ReturnDispositionRecord, type ReturnLineRecord } from '../return.repository.js';

/**
 * Applies `return.goods_received` (in the inbound events' inbox transaction, so once per event id):
 * what a warehouse received of a return, per line and disposition. Once every warehouse of the
 * return has received, the return turns `received` (or `exception` when more arrived than was
 * authorized) and `return.received` is raised. A receipt already recorded changes nothing, whatever
 * the event id it comes back with.
 */
@Injectable()
export class ReturnReceiptHandler {
  private readonly logger = new Logger(ReturnReceiptHandler.name);

  constructor(
    private readonly returns: ReturnRepository,
    private readonly channelEvents: ChannelEventsWriter,
  ) {}

  handles(type: string): boolean {
    return type === ReturnGoodsReceivedData.type;
  }

  /** The return it moved (its credit is due now), or undefined when nothing changed. */
  async apply(tx: Queryable, event: EventEnvelopeDto): Promise<string | undefined> {
    const data = event.data as unknown as ReturnGoodsReceivedData;
    const receipt = await this.returns.lockReceipt(tx, data.rmaNumber, data.warehouseId);
    if (!receipt) {
      this.logger.warn({ eventId: event.id, rmaNumber: data.rmaNumber, warehouseId: data.warehouseId }, 'receipt of no known return: ignored');
      return undefined;
    }
    if (receipt.status === 'received') return undefined; // redelivered: stale
    const ret = (await this.returns.get(tx, receipt.returnId))!;
    const lines = ret.lines.filter((l) => l.authorizedQuantity > 0 && l.warehouseId === data.warehouseId);
    const received = allocate(lines, data.lines);
    await this.returns.recordReceipt(
      tx,
      ret.returnId,
      { warehouseId: data.warehouseId, wmsReceiptId: data.receiptId, overReceived: data.overReceived },
      received,
    );

    const after = (await this.returns.get(tx, ret.returnId))!;
    if (after.receipts.some((r) => r.status !== 'received')) return ret.returnId; // other warehouses still to receive
    const overReceived = after.receipts.some((r) => r.overReceived) || after.lines.some((l) => l.receivedQuantity > l.authorizedQuantity * l.factor);
    const transition = returnTransition(after.status, { kind: 'goods_received', overReceived });
    if (transition.kind === 'invalid') {
      this.logger.warn({ returnId: ret.returnId, reason: transition.reason }, 'return receipt not applied');
      return undefined;
    }
    if (transition.kind === 'stale') return undefined;
    await this.returns.setStatus(tx, ret.returnId, transition.to);
    for (const type of transition.events) {
      await this.channelEvents.returnEvent(tx, type, { returnId: ret.returnId, rmaNumber: ret.rmaNumber!, status: transition.to, orderId: ret.orderId });
    }
    await this.returns.dueNow(tx, ret.returnId);
    this.logger.log({ returnId: ret.returnId, status: transition.to }, 'return received');
    return ret.returnId;
  }
}

/**
 * Spreads what arrived of each sku over the return lines of that sku (request order): each takes up
 * to its authorized base units, the last one takes the rest (an over-receipt shows on it).
 */
export function allocate(
  lines: readonly ReturnLineRecord[],
  arrived: ReadonlyArray<{ sku: string; quantity: number; disposition: ReturnDispositionRecord['disposition']; lot?: string }>,
): Array<{ position: number; receivedQuantity: number; dispositions: ReturnDispositionRecord[] }> {
  const result: Array<{ position: number; receivedQuantity: number; dispositions: ReturnDispositionRecord[] }> = [];
  for (const sku of new Set(lines.map((l) => l.sku))) {
    const ofSku = lines.filter((l) => l.sku === sku);
    const parts = arrived.filter((a) => a.sku === sku && a.quantity > 0).map((a) => ({ ...a }));
    ofSku.forEach((line, index) => {
      const last = index === ofSku.length - 1;
      let room = last ? Number.POSITIVE_INFINITY : line.authorizedQuantity * line.factor;
      const dispositions: ReturnDispositionRecord[] = [];
      for (const part of parts) {
        if (room <= 0) break;
        const take = Math.min(room, part.quantity);
        if (take <= 0) continue;
        part.quantity -= take;
        room -= take;
        const same = dispositions.find((d) => d.disposition === part.disposition && d.lot === part.lot);
        if (same) dispositions[dispositions.indexOf(same)] = { ...same, quantity: same.quantity + take };
        else dispositions.push({ disposition: part.disposition, quantity: take, ...(part.lot ? { lot: part.lot } : {}) });
      }
      result.push({ position: line.position, receivedQuantity: dispositions.reduce((n, d) => n + d.quantity, 0), dispositions });
    });
  }
  return result;
}
