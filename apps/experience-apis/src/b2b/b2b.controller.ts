import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { InvoiceDto, OrderRequestDto } from '@contracts';
import { ApiQuoteAnswers } from './quote.docs.js';
import { ApiOrderPlacementRetries } from './order-placement.docs.js';
import { CurrentPartner } from '../auth/partner-auth.guard.js';
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
import { AVAILABILITY_FRESHNESS, type Tagged } from './availability/availability-edge.cache.js';
import { ConditionalGet } from './availability/conditional-get.decorator.js';
import { PartnerOrdersService, V1_ORDERS } from './partner-orders.service.js';
import { DeprecatedV1 } from './versioning/deprecated-v1.decorator.js';
import { Idempotent, IdempotencyKey } from '../idempotency/idempotent.decorator.js';
import type { StoredResponse } from '../idempotency/idempotency.service.js';
import { PartnerApi } from '../auth/partner-api.decorator.js';

/** v1: deprecated in favour of /b2b/v2 (see docs/b2b-v2-migration.md); kept working until its sunset. */
@PartnerApi('b2b v1')
@DeprecatedV1()
@Controller('b2b/v1')
export class B2bV1Controller {
  constructor(private readonly partnerOrders: PartnerOrdersService) {}

  @Get('items')
  @ApiBadRequestResponse({ description: 'Invalid limit or cursor (not a cursor a previous page returned).' })
  @ApiOperation({ summary: 'The SKUs you may buy, with your contract prices (cursor pagination).' })
  @ApiOkResponse({ type: B2bItemPageDto })
  items(@CurrentPartner() partner: Partner, @Query() query: B2bItemsQueryDto): Promise<B2bItemPageDto> {
    return this.partnerOrders.items(partner, query.cursor, query.limit ?? 50);
  }

  @Get('availability')
  @ApiBadRequestResponse({ description: 'Missing or invalid sku, quantity, uom or ship-to.' })
  @ApiOperation({
    summary: 'Available quantity of a SKU, in total and per warehouse, with ship dates and inbound supply; give your ship-to for transit days.',
  })
  @ConditionalGet(B2bAvailabilityDto, AVAILABILITY_FRESHNESS)
  @ApiNotFoundResponse({ description: 'Unknown SKU.' })
  availability(@Query() query: B2bAvailabilityQueryDto): Promise<Tagged<B2bAvailabilityDto>> {
    return this.partnerOrders.availability(query);
  }

  @Post('quotes')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What we can promise for these lines now: shipments per warehouse with dates, backorders, rejections. holdSeconds holds the stock for you.',
  })
  @Idempotent({ key: 'required', description: 'Unique per quote, e.g. a UUID; scoped to you; 1–255 printable characters.' })
  @ApiQuoteAnswers()
  quote(
    @CurrentPartner() partner: Partner,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Body() request: B2bQuoteRequestDto,
  ): Promise<StoredResponse<B2bQuoteDto>> {
    return this.partnerOrders.quote(partner, idempotencyKey, request);
  }

  @Post('orders')
  @ApiOperation({ summary: 'Place an order. Send an Idempotency-Key: a retry with the same key and body returns the same answer.' })
  @Idempotent({ key: 'required', description: 'Unique per order, e.g. a UUID; scoped to you; 1–255 printable characters.' })
  @ApiCreatedResponse({
    type: B2bOrderDto,
    description: 'Order accepted (or on hold / backordered: see status and statusReason). A replay carries `Idempotent-Replayed: true`.',
  })
  @ApiBadRequestResponse({ description: 'Missing Idempotency-Key, invalid fields or malformed JSON.' })
  @ApiOrderPlacementRetries()
  @ApiUnprocessableEntityResponse({ description: 'Unknown SKU or unit, or the key was used with another body.' })
  placeOrder(
    @CurrentPartner() partner: Partner,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Body() order: OrderRequestDto,
  ): Promise<StoredResponse<B2bOrderDto>> {
    return this.partnerOrders.place(partner, idempotencyKey, order, V1_ORDERS);
  }

  @Get('orders')
  @ApiOperation({ summary: 'Your orders, newest first: filter by status, PO number and creation dates; cursor pagination.' })
  @ApiOkResponse({ type: B2bOrderPageDto })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor.' })
  orders(@CurrentPartner() partner: Partner, @Query() query: B2bOrderListQueryDto): Promise<B2bOrderPageDto> {
    return this.partnerOrders.list(partner, query, V1_ORDERS);
  }

  @Get('orders/:orderId')
  @ApiOperation({ summary: 'One of your orders.' })
  @ApiOkResponse({ type: B2bOrderDto })
  @ApiNotFoundResponse({ description: 'No such order of yours.' })
  order(@CurrentPartner() partner: Partner, @Param('orderId') orderId: string): Promise<B2bOrderDto> {
    return this.partnerOrders.get(partner, orderId, V1_ORDERS);
  }

  @Post('orders/:orderId/cancel')
  @ApiBadRequestResponse({ description: 'Invalid reason or malformed JSON.' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel one of your orders before it is released to the warehouse; its stock is freed. Cancelling a cancelled order answers it again.',
  })
  @Idempotent({ key: 'optional', description: 'Optional: a retry with the same key gets the first answer again.' })
  @ApiOkResponse({ type: B2bOrderDto, description: 'The cancelled order (status `cancelled`).' })
  @ApiNotFoundResponse({ description: 'No such order of yours.' })
  @ApiConflictResponse({
    description: 'ORDER.ALREADY_RELEASED: the warehouse has it; ORDER.NOT_CANCELLABLE: e.g. rejected; or a request with this key is in flight.',
  })
  @ApiUnprocessableEntityResponse({ description: 'The key was used with another request.' })
  cancel(
    @CurrentPartner() partner: Partner,
    @Param('orderId') orderId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Body() request: B2bCancelOrderRequestDto,
  ): Promise<StoredResponse<B2bOrderDto>> {
    return this.partnerOrders.cancel(partner, orderId, idempotencyKey, request, V1_ORDERS);
  }

  @Get('invoices')
  @ApiOperation({ summary: 'Your invoices, newest first: filter by status; cursor pagination.' })
  @ApiOkResponse({ type: B2bInvoicePageDto })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor.' })
  invoices(@CurrentPartner() partner: Partner, @Query() query: B2bInvoiceListQueryDto): Promise<B2bInvoicePageDto> {
    return this.partnerOrders.invoices(partner, query);
  }

  @Get('invoices/:invoiceId')
  @ApiOperation({ summary: 'One of your invoices: the shipment it bills, its order (ERP order number, your PO), lines, tax and status.' })
  @ApiOkResponse({ type: InvoiceDto })
  @ApiNotFoundResponse({ description: 'No such invoice of yours.' })
  invoice(@CurrentPartner() partner: Partner, @Param('invoiceId') invoiceId: string): Promise<InvoiceDto> {
    return this.partnerOrders.invoice(partner, invoiceId);
  }

  @Get('orders/:orderId/shipments')
  @ApiOperation({ summary: 'The shipments of one of your orders, with carrier, tracking, lots and serial numbers.' })
  @ApiOkResponse({ type: B2bShipmentListDto })
  @ApiNotFoundResponse({ description: 'No such order of yours.' })
  shipments(@CurrentPartner() partner: Partner, @Param('orderId') orderId: string): Promise<B2bShipmentListDto> {
    return this.partnerOrders.shipments(partner, orderId);
  }
}
