import { Injectable } from '@nestjs/common';
import type { ListReturnsQueryDto, ReturnDto, ReturnOwnerQueryDto, ReturnPageDto } from '@contracts';
import { invalidReturnsCursor, returnNotFound } from '../return.errors.js';
import { toReturnDto } from '../return.mapper.js';
import { ReturnRepository } from '../return.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { returns: page.map(toReturnDto), nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.returnId) : null };
  }

  async get(returnId: string, owner: ReturnOwnerQueryDto): Promise<ReturnDto> {
    const found = UUID.test(returnId) ? await this.returns.findForOwner(returnId, owner.customerId, owner.partnerId) : undefined;
    if (!found) throw returnNotFound(returnId);
    return toReturnDto(found);
  }
}

const encodeCursor = (createdAt: string, returnId: string) => Buffer.from(`rt:${createdAt}|${returnId}`).toString('base64url');

function decodeCursor(cursor: string): { createdAt: string; returnId: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [createdAt, returnId] = text.startsWith('rt:') ? text.slice(3).split('|') : [];
  if (!createdAt || !returnId || !UUID.test(returnId) || Number.isNaN(Date.parse(createdAt))) throw invalidReturnsCursor();
  return { createdAt, returnId };
}
