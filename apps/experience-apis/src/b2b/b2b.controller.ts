import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { InvoiceDto, OrderRequestDto } from '@contracts';
import type { FastifyReply } from 'fastify';
import { CurrentPartner, PartnerAuthGuard } from '../auth/partner-auth.guard.js';
import type { Partner } from '../auth/partner.repository.js';
import {
  B2bAvailabilityDto,
  B2bAvailabilityQueryDto,
  B2bCancelOrderRequestDto,
  B2bInvoiceListQueryDto,
  B2bInvoicePageDto,
  B2bItemPageDto,
  B2bItemsQueryDto,
  B2bOrderDto,
  B2bOrderListQueryDto,
  B2bOrderPageDto,
  B2bQuoteDto,
  B2bQuoteRequestDto,
  B2bShipmentListDto,
} from './b2b.dto.js';
import { PartnerOrdersService, V1_ORDERS } from './partner-orders.service.js';
import { V1DeprecationInterceptor } from './versioning/v1-deprecation.interceptor.js';

/** Sent on every v1 answer, errors included (V1DeprecationInterceptor). */
const DEPRECATED = {
  deprecation: { description: 'RFC 9745: v1 is deprecated since (or from) this date, e.g. `@1796083200`.', schema: { type: 'string' } },
  sunset: { description: 'RFC 8594: v1 may stop answering after this HTTP-date.', schema: { type: 'string' } },
  link: { description: 'The migration note: `<…/b2b/docs/v2-migration>; rel="deprecation"`.', schema: { type: 'string' } },
};

/** v1: deprecated in favour of /b2b/v2 (see docs/b2b-v2-migration.md); kept working until its sunset. */
@ApiTags('b2b v1')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No, expired or invalid bearer token.' })
@UseGuards(PartnerAuthGuard)
@UseInterceptors(V1DeprecationInterceptor)
@Controller('b2b/v1')
export class B2bController {
  constructor(private readonly partnerOrders: PartnerOrdersService) {}

  @Get('items')
  @ApiOperation({ deprecated: true, summary: 'The SKUs you may buy, with your contract prices (cursor pagination).' })
  @ApiOkResponse({ headers: DEPRECATED, type: B2bItemPageDto })
  items(@CurrentPartner() partner: Partner, @Query() query: B2bItemsQueryDto): Promise<B2bItemPageDto> {
    return this.partnerOrders.items(partner, query.cursor, query.limit ?? 50);
  }

  @Get('availability')
  @ApiOperation({
    deprecated: true,
    summary: 'Available quantity of a SKU, in total and per warehouse, with ship dates and inbound supply; give your ship-to for transit days.',
  })
  @ApiOkResponse({ headers: DEPRECATED, type: B2bAvailabilityDto })
  @ApiNotFoundResponse({ description: 'Unknown SKU.' })
  availability(@Query() query: B2bAvailabilityQueryDto): Promise<B2bAvailabilityDto> {
    return this.partnerOrders.availability(query);
  }

  @Post('quotes')
  @HttpCode(200)
  @ApiOperation({
    deprecated: true,
    summary: 'What we can promise for these lines now: shipments per warehouse with dates, backorders, rejections. holdSeconds holds the stock for you.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Unique per quote, e.g. a UUID; scoped to you; 1–255 printable characters.' })
  @ApiOkResponse({ headers: DEPRECATED, type: B2bQuoteDto, description: 'A replay carries `Idempotent-Replayed: true` (and holds nothing more).' })
  @ApiBadRequestResponse({ description: 'Missing Idempotency-Key, invalid fields or malformed JSON.' })
  @ApiConflictResponse({ description: 'A request with this key is still in flight.' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown SKU or unit, or the key was used with another body.' })
  async quote(
    @CurrentPartner() partner: Partner,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() request: B2bQuoteRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<B2bQuoteDto> {
    const response = await this.partnerOrders.quote(partner, idempotencyKey, request);
    void reply.status(response.status).header('idempotent-replayed', String(response.replayed));
    return response.body;
  }

  @Post('orders')
  @ApiOperation({ deprecated: true, summary: 'Place an order. Send an Idempotency-Key: a retry with the same key and body returns the same answer.' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Unique per order, e.g. a UUID; scoped to you; 1–255 printable characters.' })
  @ApiCreatedResponse({
    headers: DEPRECATED,
    type: B2bOrderDto,
    description: 'Order accepted (or on hold / backordered: see status and statusReason). A replay carries `Idempotent-Replayed: true`.',
  })
  @ApiBadRequestResponse({ description: 'Missing Idempotency-Key, invalid fields or malformed JSON.' })
  @ApiConflictResponse({ description: 'A request with this key is still in flight.' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown SKU or unit, or the key was used with another body.' })
  async placeOrder(
    @CurrentPartner() partner: Partner,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() order: OrderRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<B2bOrderDto> {
    const response = await this.partnerOrders.place(partner, idempotencyKey, order, V1_ORDERS);
    void reply.status(response.status).header('idempotent-replayed', String(response.replayed));
    return response.body;
  }

  @Get('orders')
  @ApiOperation({ deprecated: true, summary: 'Your orders, newest first: filter by status, PO number and creation dates; cursor pagination.' })
  @ApiOkResponse({ headers: DEPRECATED, type: B2bOrderPageDto })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor.' })
  orders(@CurrentPartner() partner: Partner, @Query() query: B2bOrderListQueryDto): Promise<B2bOrderPageDto> {
    return this.partnerOrders.list(partner, query, V1_ORDERS);
  }

  @Get('orders/:orderId')
  @ApiOperation({ deprecated: true, summary: 'One of your orders.' })
  @ApiOkResponse({ headers: DEPRECATED, type: B2bOrderDto })
  @ApiNotFoundResponse({ description: 'No such order of yours.' })
  order(@CurrentPartner() partner: Partner, @Param('orderId') orderId: string): Promise<B2bOrderDto> {
    return this.partnerOrders.get(partner, orderId, V1_ORDERS);
  }

  @Post('orders/:orderId/cancel')
  @HttpCode(200)
  @ApiOperation({
    deprecated: true,
    summary: 'Cancel one of your orders before it is released to the warehouse; its stock is freed. Cancelling a cancelled order answers it again.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional: a retry with the same key gets the first answer again.' })
  @ApiOkResponse({ headers: DEPRECATED, type: B2bOrderDto, description: 'The cancelled order (status `cancelled`).' })
  @ApiNotFoundResponse({ description: 'No such order of yours.' })
  @ApiConflictResponse({
    description: 'ORDER.ALREADY_RELEASED: the warehouse has it; ORDER.NOT_CANCELLABLE: e.g. rejected; or a request with this key is in flight.',
  })
  @ApiUnprocessableEntityResponse({ description: 'The key was used with another request.' })
  async cancel(
    @CurrentPartner() partner: Partner,
    @Param('orderId') orderId: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() request: B2bCancelOrderRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<B2bOrderDto> {
    const response = await this.partnerOrders.cancel(partner, orderId, idempotencyKey, request, V1_ORDERS);
    void reply.status(response.status).header('idempotent-replayed', String(response.replayed));
    return response.body;
  }

  @Get('invoices')
  @ApiOperation({ deprecated: true, summary: 'Your invoices, newest first: filter by status; cursor pagination.' })
  @ApiOkResponse({ headers: DEPRECATED, type: B2bInvoicePageDto })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor.' })
  invoices(@CurrentPartner() partner: Partner, @Query() query: B2bInvoiceListQueryDto): Promise<B2bInvoicePageDto> {
    return this.partnerOrders.invoices(partner, query);
  }

  @Get('invoices/:invoiceId')
  @ApiOperation({ deprecated: true, summary: 'One of your invoices: the shipment it bills, its order (ERP order number, your PO), lines, tax and status.' })
  @ApiOkResponse({ headers: DEPRECATED, type: InvoiceDto })
  @ApiNotFoundResponse({ description: 'No such invoice of yours.' })
  invoice(@CurrentPartner() partner: Partner, @Param('invoiceId') invoiceId: string): Promise<InvoiceDto> {
    return this.partnerOrders.invoice(partner, invoiceId);
  }

  @Get('orders/:orderId/shipments')
  @ApiOperation({ deprecated: true, summary: 'The shipments of one of your orders, with carrier, tracking, lots and serial numbers.' })
  @ApiOkResponse({ headers: DEPRECATED, type: B2bShipmentListDto })
  @ApiNotFoundResponse({ description: 'No such order of yours.' })
  shipments(@CurrentPartner() partner: Partner, @Param('orderId') orderId: string): Promise<B2bShipmentListDto> {
    return this.partnerOrders.shipments(partner, orderId);
  }
}
