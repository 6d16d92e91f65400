import { Inject, Injectable, Logger } from '@nestjs/common';
import { SystemApiClient, type CreateErpCustomerReturnDto, type ErpCustomerReturnDto, type WmsReturnReceiptLineRequestDto } from '@contracts';
import { Database } from '@platform';
import { ReturnRepository, type ReturnRecord } from '../return.repository.js';
import { ERP_RETURN_REASON } from './erp-return-reasons.js';

/**
 * Registers a decided return with the backends: the ERP customer return (with reference to the
 * sales order) and one expected inbound return per warehouse the goods go back to. Each step is
 * idempotent: the ERP return is looked up by its external reference (the RMA number) before it is
 * created, so a lost answer never makes two; the WMS answers the receipt it has for a reference.
 * A step that fails is tried again by the returns job; the others still go ahead.
 */
@Injectable()
export class ReturnRegistrationService {
  private readonly logger = new Logger(ReturnRegistrationService.name);

  constructor(
    private readonly returns: ReturnRepository,
    private readonly system: SystemApiClient,
    @Inject(Database) private readonly db: Database,
  ) {}

  async register(returnId: string): Promise<void> {
    const ret = await this.returns.get(this.db, returnId);
    if (!ret || ret.registeredAt || !ret.rmaNumber) return;
    const failures: unknown[] = [];
    if (!ret.erpReturnNumber) await this.erpReturn(ret).catch((error: unknown) => failures.push(error));
    for (const receipt of ret.receipts.filter((r) => !r.wmsReceiptId)) {
      await this.wmsReceipt(ret, receipt.warehouseId, receipt.reference).catch((error: unknown) => failures.push(error));
    }
    if (failures.length) throw failures[0];
    await this.returns.markRegistered(returnId);
    this.logger.log({ returnId, rmaNumber: ret.rmaNumber }, 'return registered in the ERP and WMS');
  }

  private async erpReturn(ret: ReturnRecord): Promise<void> {
    const lines = ret.lines.filter((l) => l.authorizedQuantity > 0);
    const [found] = await this.system.findCustomerReturns(ret.rmaNumber!);
    const erp: ErpCustomerReturnDto = found ?? (await this.system.createCustomerReturn(this.erpRequest(ret)));
    // the ERP numbers its items in the order they were sent: one per authorized line
    await this.returns.recordErpReturn(
      ret.returnId,
      erp.erpReturnNumber,
      lines.map((line, index) => ({ position: line.position, erpReturnItemNumber: erp.lines[index]?.erpReturnItemNumber ?? String((index + 1) * 10) })),
    );
  }

  private erpRequest(ret: ReturnRecord): CreateErpCustomerReturnDto {
    const lines = ret.lines.filter((l) => l.authorizedQuantity > 0);
    if (!ret.erpOrderNumber || lines.some((l) => !l.erpItemNumber)) throw new Error(`order ${ret.orderId} has no ERP sales order (item) to return against`);
    return {
      customerId: ret.customerId,
      erpOrderNumber: ret.erpOrderNumber,
      purchaseOrderNumber: ret.purchaseOrderNumber,
      externalReference: ret.rmaNumber!,
      reasonCode: ERP_RETURN_REASON[lines[0].reasonCode],
      lines: lines.map((line) => ({
        erpItemNumber: line.erpItemNumber!,
        sku: line.sku!,
        quantity: line.authorizedQuantity,
        uom: line.uom!,
        reasonCode: ERP_RETURN_REASON[line.reasonCode],
      })),
    };
  }

  private async wmsReceipt(ret: ReturnRecord, warehouseId: string, reference: string): Promise<void> {
    // the WMS takes one line per sku: lines of one sku going back to this warehouse are announced together
    const bySku = new Map<string, WmsReturnReceiptLineRequestDto>();
    for (const line of ret.lines.filter((l) => l.authorizedQuantity > 0 && l.warehouseId === warehouseId)) {
      const earlier = bySku.get(line.sku!);
      bySku.set(line.sku!, {
        lineNumber: earlier?.lineNumber ?? bySku.size + 1,
        sku: line.sku!,
        quantity: (earlier?.quantity ?? 0) + line.authorizedQuantity * line.factor,
        ...((earlier?.lot ?? line.lot) ? { lot: earlier?.lot ?? line.lot! } : {}),
      });
    }
    const receipt = await this.system.createReturnReceipt({ rmaNumber: reference, warehouseId, lines: [...bySku.values()] });
    if (receipt.warehouseId !== warehouseId) throw new Error(`the WMS holds ${reference} at ${receipt.warehouseId}, not ${warehouseId}`);
    await this.returns.recordWmsReceipt(ret.returnId, warehouseId, receipt.receiptId);
  }
}
