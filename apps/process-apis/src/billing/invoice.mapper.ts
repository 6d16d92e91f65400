import type { InvoiceDto } from '@contracts';
import type { InvoiceRecord } from './invoice.repository.js';

const money = (amount: string | null, currency: string | null) => (amount === null ? undefined : { amount: Number(amount), currency: currency ?? 'USD' });

/** The wire shape of a stored invoice: its first order stands for it in the single-order fields, `orders` lists them all. */
export function toInvoiceDto(invoice: InvoiceRecord): InvoiceDto {
  const orders = invoice.orders.map((o) => ({
    orderId: o.orderId,
    erpOrderNumber: o.erpOrderNumber ?? undefined,
    purchaseOrderNumber: o.purchaseOrderNumber,
  }));
  return {
    invoiceId: invoice.invoiceId,
    status: invoice.status,
    billingPolicy: invoice.billingPolicy,
    erpBillingDocument: invoice.erpInvoiceNumber ?? undefined,
    orderId: orders[0]?.orderId ?? '',
    erpOrderNumber: orders[0]?.erpOrderNumber,
    purchaseOrderNumber: orders[0]?.purchaseOrderNumber ?? '',
    orders,
    shipmentIds: [...invoice.shipmentIds],
    lines: [...invoice.lines],
    netAmount: money(invoice.netAmount, invoice.currency),
    taxAmount: money(invoice.taxAmount, invoice.currency),
    totalAmount: money(invoice.grossAmount, invoice.currency),
    invoiceDate: invoice.invoiceDate ?? undefined,
  };
}
