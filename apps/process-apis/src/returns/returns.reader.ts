import { Injectable } from '@nestjs/common';
import type { ReturnDto } from '@contracts';
import { toReturnDto } from './return.mapper.js';
import { ReturnRepository } from './return.repository.js';

/** Read-only: the returns of some orders, oldest first (for the order timeline and the order 360 view). */
@Injectable()
export class ReturnsReader {
  constructor(private readonly returns: ReturnRepository) {}

  async ofOrders(orderIds: readonly string[]): Promise<ReturnDto[]> {
    return (await this.returns.ofOrders(orderIds)).map(toReturnDto);
  }
}
