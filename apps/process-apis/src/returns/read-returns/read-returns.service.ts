import { Injectable } from '@nestjs/common';
import type { ListReturnsQueryDto, ReturnDto, ReturnOwnerQueryDto, ReturnPageDto } from '@contracts';
import { decodeKeysetCursor, encodeKeysetCursor } from '@platform';
import { returnNotFound } from '../return.errors.js';
import { toReturnDto } from '../return.mapper.js';
import { ReturnRepository } from '../return.repository.js';

/** A customer's returns (a partner's, when named), newest first; one return for its owner only. */
@Injectable()
export class ReadReturnsService {
  constructor(private readonly returns: ReturnRepository) {}

  async list(query: ListReturnsQueryDto): Promise<ReturnPageDto> {
    const limit = query.limit ?? 50;
    const rows = await this.returns.list({
      customerId: query.customerId,
      partnerId: query.partnerId,
      orderId: query.orderId,
      status: query.status,
      limit: limit + 1,
      after: query.cursor ? decodeKeysetCursor(query.cursor, 'RETURNS.INVALID_CURSOR') : undefined,
    });
    const page = rows.slice(0, limit);
    return { returns: page.map((r) => toReturnDto(r.record)), nextCursor: rows.length > limit ? encodeKeysetCursor(page[page.length - 1].position) : null };
  }

  async get(returnId: string, owner: ReturnOwnerQueryDto): Promise<ReturnDto> {
    const found = await this.returns.findForOwner(returnId, owner.customerId, owner.partnerId);
    if (!found) throw returnNotFound(returnId);
    return toReturnDto(found);
  }
}
