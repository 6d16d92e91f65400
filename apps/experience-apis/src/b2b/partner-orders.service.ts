import { Injectable } from '@nestjs/common';
import { ProcessApiClient, type OrderRequestDto } from '@contracts';
import type { Partner } from '../auth/partner.repository.js';
import { IdempotencyService, type StoredResponse } from '../idempotency/idempotency.service.js';
import { toB2bAvailability, toB2bItems, toB2bOrder } from './b2b-order.mapper.js';
import type { B2bAvailabilityDto, B2bItemPageDto, B2bOrderDto } from './b2b.dto.js';

/** The partner channel's use cases; every call is scoped to the partner's own ERP customer. */
@Injectable()
export class PartnerOrdersService {
  constructor(
    private readonly process: ProcessApiClient,
    private readonly idempotency: IdempotencyService,
  ) {}

  async items(partner: Partner, cursor: string | undefined, limit: number): Promise<B2bItemPageDto> {
    return toB2bItems(await this.process.getCatalog(partner.customerId, cursor, limit));
  }

  async availability(sku: string, quantity: number, uom: 'EA' | 'CS'): Promise<B2bAvailabilityDto> {
    return toB2bAvailability(await this.process.getAvailability(sku, quantity, uom));
  }

  place(partner: Partner, idempotencyKey: string | undefined, order: OrderRequestDto): Promise<StoredResponse<B2bOrderDto>> {
    return this.idempotency.run(partner.partnerId, idempotencyKey, 'b2b.orders.create', order, async () => {
      const placed = await this.process.placeOrder({ ...order, customerId: partner.customerId, partnerId: partner.partnerId, channel: 'b2b' }, idempotencyKey!);
      return { status: 201, body: toB2bOrder(placed.order) };
    });
  }

  async get(partner: Partner, orderId: string): Promise<B2bOrderDto> {
    return toB2bOrder(await this.process.getOrder(orderId, partner.customerId));
  }
}
