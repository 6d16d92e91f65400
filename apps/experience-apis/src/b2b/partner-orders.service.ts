import { Injectable } from '@nestjs/common';
import { ProcessApiClient, type InvoiceDto, type OrderRequestDto } from '@contracts';
import type { Partner } from '../auth/partner.repository.js';
import { IdempotencyService, type StoredResponse } from '../idempotency/idempotency.service.js';
import { toB2bAvailability, toB2bItems, toB2bOrder, toB2bQuote, toB2bShipment } from './b2b-order.mapper.js';
import type {
  B2bAvailabilityDto,
  B2bAvailabilityQueryDto,
  B2bItemPageDto,
  B2bOrderDto,
  B2bQuoteDto,
  B2bQuoteRequestDto,
  B2bShipmentListDto,
} from './b2b.dto.js';

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

  async availability(query: B2bAvailabilityQueryDto): Promise<B2bAvailabilityDto> {
    return toB2bAvailability(await this.process.getAvailability(query));
  }

  async quote(partner: Partner, request: B2bQuoteRequestDto): Promise<B2bQuoteDto> {
    return toB2bQuote(await this.process.promise({ ...request, customerId: partner.customerId }));
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

  invoice(partner: Partner, invoiceId: string): Promise<InvoiceDto> {
    return this.process.getInvoice(invoiceId, partner.customerId);
  }

  async shipments(partner: Partner, orderId: string): Promise<B2bShipmentListDto> {
    const order = await this.process.getOrder(orderId, partner.customerId);
    return { shipments: (order.shipments ?? []).map(toB2bShipment) };
  }
}
