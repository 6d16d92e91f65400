import { Injectable } from '@nestjs/common';
import type { ListReturnsQueryDto, ReturnDto, ReturnOwnerQueryDto, ReturnPageDto } from '@contracts';
import { readKeysetPage } from '@platform';
import { returnNotFound } from '../return.errors.js';
import { toReturnDto } from '../return.mapper.js';
import { ReturnRepository } from '../return.repository.js';

/** A customer's returns (a partner's, when named), newest first; one return for its owner only. */
@Injectable()
export class ReadReturnsService {
  constructor(private readonly returns: ReturnRepository) {}

  async list(query: ListReturnsQueryDto): Promise<ReturnPageDto> {
    const { rows, nextCursor } = await readKeysetPage(query, 'RETURNS.INVALID_CURSOR', (after, limit) =>
      this.returns.list({ customerId: query.customerId, partnerId: query.partnerId, orderId: query.orderId, status: query.status, limit, after }),
    );
    return { returns: rows.map((r) => toReturnDto(r.record)), nextCursor };
  }

  async get(returnId: string, owner: ReturnOwnerQueryDto): Promise<ReturnDto> {
    const found = await this.returns.findForOwner(returnId, owner.customerId, owner.partnerId);
    if (!found) throw returnNotFound(returnId);
    return toReturnDto(found);
  }
}
