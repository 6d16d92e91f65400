import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@platform';
import { ProcessApiClient, type ReturnDto, type ReturnRequestDto } from '@contracts';
import type { Partner } from '../../auth/partner.repository.js';
import { IdempotencyService, type StoredResponse } from '../../idempotency/idempotency.service.js';
import type { B2bReturnListQueryDto, B2bV2ReturnDto, B2bV2ReturnPageDto } from './b2b-v2-return.dto.js';
import { toB2bV2Return } from './b2b-v2-return.mapper.js';

/**
 * A partner's returns: requested under an Idempotency-Key (the edge replays; the process layer
 * decides the return policy and is idempotent on the same key), read and listed scoped to the
 * partner's own ERP customer and to the partner.
 */
@Injectable()
export class PartnerReturnsService {
  constructor(
    private readonly process: ProcessApiClient,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** 201 whatever the decision (authorized, partially authorized or refused): the return is recorded either way. */
  request(partner: Partner, idempotencyKey: string | undefined, request: ReturnRequestDto): Promise<StoredResponse<B2bV2ReturnDto>> {
    return this.idempotency.run(partner.partnerId, idempotencyKey, 'b2b.v2.returns.create', request, async () => {
      const requested = await this.process.requestReturn(
        { ...request, customerId: partner.customerId, partnerId: partner.partnerId, channel: 'b2b' },
        idempotencyKey!,
      );
      return { status: 201, body: toB2bV2Return(requested.return) };
    });
  }

  async list(partner: Partner, query: B2bReturnListQueryDto): Promise<B2bV2ReturnPageDto> {
    const page = await this.process.listReturns({ ...query, customerId: partner.customerId, partnerId: partner.partnerId });
    return { returns: page.returns.map(toB2bV2Return), nextCursor: page.nextCursor };
  }

  async get(partner: Partner, returnId: string): Promise<B2bV2ReturnDto> {
    return toB2bV2Return(await this.returnOf(partner, returnId));
  }

  /** The return if it is this partner's; the process layer scopes the read, and another partner's answer is never shown. */
  private async returnOf(partner: Partner, returnId: string): Promise<ReturnDto> {
    const found = await this.process.getReturn(returnId, { customerId: partner.customerId, partnerId: partner.partnerId });
    if (found.partnerId !== partner.partnerId) throw new NotFoundError('RETURN.NOT_FOUND', 'No such return.');
    return found;
  }
}
