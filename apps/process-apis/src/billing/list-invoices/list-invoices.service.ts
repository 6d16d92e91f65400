import { Injectable } from '@nestjs/common';
import type { InvoicePageDto, ListInvoicesQueryDto } from '@contracts';
import { readKeysetPage } from '@platform';
import { toInvoiceDto } from '../invoice.mapper.js';
import { InvoiceRepository } from '../invoice.repository.js';

/** A customer's (and partner's) invoices a page at a time, newest first. */
@Injectable()
export class ListInvoicesService {
  constructor(private readonly invoices: InvoiceRepository) {}

  async execute(query: ListInvoicesQueryDto): Promise<InvoicePageDto> {
    const { rows, nextCursor } = await readKeysetPage(query, 'INVOICES.INVALID_CURSOR', (after, limit) =>
      this.invoices.list({ customerId: query.customerId, partnerId: query.partnerId, statuses: query.status, after, limit }),
    );
    return { invoices: rows.map((r) => toInvoiceDto(r.invoice)), nextCursor };
  }
}
