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
import { OrderRequestDto } from '@contracts';
import { ApiQuoteAnswers } from '../quote.docs.js';
import { ApiOrderPlacementRetries } from '../order-placement.docs.js';
import { CurrentPartner } from '../../auth/partner-auth.guard.js';
import type { Partner } from '../../auth/partner.repository.js';
import {
  B2bAvailabilityDto,
  B2bAvailabilityQueryDto,
  B2bCancelOrderRequestDto,
  B2bInvoiceListQueryDto,
  B2bItemsQueryDto,
  B2bOrderListQueryDto,
  B2bQuoteDto,
  B2bQuoteRequestDto,
  B2bShipmentListDto,
} from '../b2b.dto.js';
import { AVAILABILITY_FRESHNESS, type Tagged } from '../availability/availability-edge.cache.js';
import { ConditionalGet } from '../availability/conditional-get.decorator.js';
import { PartnerOrdersService } from '../partner-orders.service.js';
import { B2bV2InvoiceDto, B2bV2InvoicePageDto, B2bV2ItemPageDto, B2bV2OrderDto, B2bV2OrderPageDto } from './b2b-v2.dto.js';
import { toB2bV2Invoice, toB2bV2Items, V2_ORDERS } from './b2b-v2.mapper.js';
import { Idempotent, IdempotencyKey } from '../../idempotency/idempotent.decorator.js';
import type { StoredResponse } from '../../idempotency/idempotency.service.js';
import { PartnerApi } from '../../auth/partner-api.decorator.js';

/**
 * v2: the order resource changed shape (money as decimal strings, lines grouped by leg);
 * everything else answers as in v1, so a partner moves all its calls to /b2b/v2 at once.
 */
@PartnerApi('b2b v2')
@Controller('b2b/v2')
export class B2bV2Controller {
  constructor(private readonly partnerOrders: PartnerOrdersService) {}

  @Get('items')
  @ApiBadRequestResponse({ description: 'Invalid limit or cursor (not a cursor a previous page returned).' })
  @ApiOperation({ summary: 'The SKUs you may buy, with your contract prices (cursor pagination).' })
  @ApiOkResponse({ type: B2bV2ItemPageDto })
  items(@CurrentPartner() partner: Partner, @Query() query: B2bItemsQueryDto): Promise<B2bV2ItemPageDto> {
    return this.partnerOrders.items(partner, query.cursor, query.limit ?? 50, toB2bV2Items);
  }

  @Get('availability')
  @ApiBadRequestResponse({ description: 'Missing or invalid sku, quantity, uom or ship-to.' })
  @ApiOperation({ summary: 'Available quantity of a SKU, in total and per warehouse, with ship dates and inbound supply.' })
  @ConditionalGet(B2bAvailabilityDto, AVAILABILITY_FRESHNESS)
  @ApiNotFoundResponse({ description: 'Unknown SKU.' })
  availability(@Query() query: B2bAvailabilityQueryDto): Promise<Tagged<B2bAvailabilityDto>> {
    return this.partnerOrders.availability(query);
  }

  @Post('quotes')
  @HttpCode(200)
  @ApiOperation({ summary: 'What we can promise for these lines now; holdSeconds holds the stock for you.' })
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
  @ApiOperation({ summary: 'Place an order (the v1 request); answered in the v2 shape.' })
  @Idempotent({ key: 'required', description: 'Unique per order, e.g. a UUID; scoped to you and to this version.' })
  @ApiCreatedResponse({ type: B2bV2OrderDto, description: 'A replay carries `Idempotent-Replayed: true`.' })
  @ApiBadRequestResponse({ description: 'Missing Idempotency-Key, invalid fields or malformed JSON.' })
  @ApiOrderPlacementRetries()
  @ApiUnprocessableEntityResponse({ description: 'Unknown SKU or unit, or the key was used with another request.' })
  placeOrder(
    @CurrentPartner() partner: Partner,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Body() order: OrderRequestDto,
  ): Promise<StoredResponse<B2bV2OrderDto>> {
    return this.partnerOrders.place(partner, idempotencyKey, order, V2_ORDERS);
  }

  @Get('orders')
  @ApiOperation({ summary: 'Your orders, newest first: filter by status, PO number and creation dates; cursor pagination.' })
  @ApiOkResponse({ type: B2bV2OrderPageDto })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor.' })
  orders(@CurrentPartner() partner: Partner, @Query() query: B2bOrderListQueryDto): Promise<B2bV2OrderPageDto> {
    return this.partnerOrders.list(partner, query, V2_ORDERS);
  }

  @Get('orders/:orderId')
  @ApiOperation({ summary: 'One of your orders: lines with prices, legs per warehouse with their shipments, backorders, rejections, invoices.' })
  @ApiOkResponse({ type: B2bV2OrderDto })
  @ApiNotFoundResponse({ description: 'No such order of yours.' })
  order(@CurrentPartner() partner: Partner, @Param('orderId') orderId: string): Promise<B2bV2OrderDto> {
    return this.partnerOrders.get(partner, orderId, V2_ORDERS);
  }

  @Post('orders/:orderId/cancel')
  @ApiBadRequestResponse({ description: 'Invalid reason or malformed JSON.' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel one of your orders before it is released to the warehouse; its stock is freed.' })
  @Idempotent({ key: 'optional', description: 'Optional: a retry with the same key gets the first answer again.' })
  @ApiOkResponse({ type: B2bV2OrderDto, description: 'The cancelled order.' })
  @ApiNotFoundResponse({ description: 'No such order of yours.' })
  @ApiConflictResponse({ description: 'ORDER.ALREADY_RELEASED or ORDER.NOT_CANCELLABLE, or a request with this key is in flight.' })
  @ApiUnprocessableEntityResponse({ description: 'The key was used with another request.' })
  cancel(
    @CurrentPartner() partner: Partner,
    @Param('orderId') orderId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Body() request: B2bCancelOrderRequestDto,
  ): Promise<StoredResponse<B2bV2OrderDto>> {
    return this.partnerOrders.cancel(partner, orderId, idempotencyKey, request, V2_ORDERS);
  }

  @Get('orders/:orderId/shipments')
  @ApiOperation({ summary: 'The shipments of one of your orders, with carrier, tracking, lots and serial numbers.' })
  @ApiOkResponse({ type: B2bShipmentListDto })
  @ApiNotFoundResponse({ description: 'No such order of yours.' })
  shipments(@CurrentPartner() partner: Partner, @Param('orderId') orderId: string): Promise<B2bShipmentListDto> {
    return this.partnerOrders.shipments(partner, orderId);
  }

  @Get('invoices')
  @ApiOperation({ summary: 'Your invoices, newest first, money as decimal strings: filter by status; cursor pagination.' })
  @ApiOkResponse({ type: B2bV2InvoicePageDto })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor.' })
  invoices(@CurrentPartner() partner: Partner, @Query() query: B2bInvoiceListQueryDto): Promise<B2bV2InvoicePageDto> {
    return this.partnerOrders.invoices(partner, query, toB2bV2Invoice);
  }

  @Get('invoices/:invoiceId')
  @ApiOperation({ summary: 'One of your invoices, money as decimal strings.' })
  @ApiOkResponse({ type: B2bV2InvoiceDto })
  @ApiNotFoundResponse({ description: 'No such invoice of yours.' })
  invoice(@CurrentPartner() partner: Partner, @Param('invoiceId') invoiceId: string): Promise<B2bV2InvoiceDto> {
    return this.partnerOrders.invoice(partner, invoiceId, toB2bV2Invoice);
  }
}
