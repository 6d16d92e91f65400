import { Injectable } from '@nestjs/common';
import type { InvoicePageDto, ListInvoicesQueryDto } from '@contracts';
import { decodeKeysetCursor, encodeKeysetCursor } from '@platform';
import { toInvoiceDto } from '../invoice.mapper.js';
import { InvoiceRepository } from '../invoice.repository.js';

/** A customer's (and partner's) invoices a page at a time, newest first. */
@Injectable()
export class ListInvoicesService {
  constructor(private readonly invoices: InvoiceRepository) {}

  async execute(query: ListInvoicesQueryDto): Promise<InvoicePageDto> {
    const limit = query.limit ?? 50;
    const rows = await this.invoices.list({
      customerId: query.customerId,
      partnerId: query.partnerId,
      statuses: query.status,
      after: query.cursor ? decodeKeysetCursor(query.cursor, 'INVOICES.INVALID_CURSOR') : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      invoices: page.map((r) => toInvoiceDto(r.invoice)),
      nextCursor: rows.length > limit ? encodeKeysetCursor(page[page.length - 1]!.position) : null,
    };
  }
}
