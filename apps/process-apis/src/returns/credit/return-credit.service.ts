import { Inject, Injectable, Logger } from '@nestjs/common';
import { SystemApiClient, type ErpCreditMemoDto } from '@contracts';
import { Database } from '@platform';
import { ChannelEventsWriter } from '../../channel-events/channel-events.writer.js';
import { returnTransition } from '../domain/return-status.js';
import { ReturnRepository, type ReturnRecord } from '../return.repository.js';

/**
 * Credits a received return once: one ERP credit memo (billing document G2) for what arrived of each
 * line, at most what was authorized (every disposition is credited: scrapped damaged goods still are),
 * or for the authorized quantities when an operator settled an over-receipt. The ERP prices it at
 * the invoice's price and tax. Looked up by its external reference before it is created, so a lost
 * answer never makes a second memo; the credit, the status and `return.credited` commit together.
 */
@Injectable()
export class ReturnCreditService {
  private readonly logger = new Logger(ReturnCreditService.name);

  constructor(
    private readonly returns: ReturnRepository,
    private readonly system: SystemApiClient,
    private readonly channelEvents: ChannelEventsWriter,
    @Inject(Database) private readonly db: Database,
  ) {}

  async credit(returnId: string): Promise<void> {
    const ret = await this.returns.get(this.db, returnId);
    if (!ret || ret.status !== 'received' || ret.credit || !ret.erpReturnNumber) return;
    const lines = creditLines(ret);
    const externalReference = `cm-${ret.returnId}`;
    let memo: ErpCreditMemoDto | undefined;
    if (lines.length) {
      const [found] = await this.system.findCreditMemos(externalReference);
      memo =
        found ??
        (await this.system.createCreditMemo({
          customerId: ret.customerId,
          erpReturnNumber: ret.erpReturnNumber,
          externalReference,
          lines: await Promise.all(
            lines.map(async (l) => {
              // credit the invoice that billed these goods, not whichever invoice of the item came last
              const erpInvoiceNumber =
                l.warehouseId && l.lineNumber !== null
                  ? await this.returns.invoiceOfReturnedGoods(this.db, ret.orderId, l.warehouseId, l.lineNumber)
                  : undefined;
              return { erpReturnItemNumber: l.erpReturnItemNumber, sku: l.sku, quantity: l.quantity, ...(erpInvoiceNumber ? { erpInvoiceNumber } : {}) };
            }),
          ),
        }));
    }
    await this.db.transaction(async (tx) => {
      const current = await this.returns.get(tx, returnId, true);
      if (!current) return;
      const transition = returnTransition(current.status, { kind: 'credit_posted' });
      if (transition.kind !== 'apply') return;
      if (memo) {
        await this.returns.recordCredit(
          tx,
          returnId,
          {
            creditMemoNumber: memo.erpCreditMemoNumber,
            currency: memo.currency,
            netAmount: memo.netAmount,
            taxAmount: memo.taxAmount,
            grossAmount: memo.grossAmount,
            invoiceNumbers: [...new Set(memo.lines.map((l) => l.erpInvoiceNumber))],
            creditedAt: new Date().toISOString(),
          },
          lines.map((l) => ({ position: l.position, quantity: l.quantity })),
        );
      } else {
        await this.returns.setStatus(tx, returnId, transition.to); // nothing arrived: nothing to credit
      }
      for (const event of transition.events) {
        await this.channelEvents.returnEvent(tx, event, { returnId, rmaNumber: current.rmaNumber!, status: transition.to, orderId: current.orderId });
      }
    });
    this.logger.log({ returnId, creditMemoNumber: memo?.erpCreditMemoNumber, units: lines.reduce((n, l) => n + l.quantity, 0) }, 'return credited');
  }
}

/** Base units to credit per line: received up to authorized; the authorized quantities once an operator settled an over-receipt. */
export function creditLines(
  ret: ReturnRecord,
): Array<{ position: number; lineNumber: number | null; warehouseId: string | null; erpReturnItemNumber: string; sku: string; quantity: number }> {
  return ret.lines
    .filter((line) => line.authorizedQuantity > 0 && line.erpReturnItemNumber && line.sku)
    .map((line) => {
      const authorized = line.authorizedQuantity * line.factor;
      return {
        position: line.position,
        lineNumber: line.lineNumber,
        warehouseId: line.warehouseId,
        erpReturnItemNumber: line.erpReturnItemNumber!,
        sku: line.sku!,
        quantity: ret.resolvedBy ? authorized : Math.min(line.receivedQuantity, authorized),
      };
    })
    .filter((line) => line.quantity > 0);
}
