import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
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
  B2bItemPageDto,
  B2bItemsQueryDto,
  B2bOrderDto,
  B2bQuoteDto,
  B2bQuoteRequestDto,
  B2bShipmentListDto,
} from './b2b.dto.js';
import { PartnerOrdersService } from './partner-orders.service.js';

@ApiTags('b2b v1')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No, expired or invalid bearer token.' })
@UseGuards(PartnerAuthGuard)
@Controller('b2b/v1')
export class B2bController {
  constructor(private readonly partnerOrders: PartnerOrdersService) {}

  @Get('items')
  @ApiOperation({ summary: 'The SKUs you may buy, with your contract prices (cursor pagination).' })
  @ApiOkResponse({ type: B2bItemPageDto })
  items(@CurrentPartner() partner: Partner, @Query() query: B2bItemsQueryDto): Promise<B2bItemPageDto> {
    return this.partnerOrders.items(partner, query.cursor, query.limit ?? 50);
  }

  @Get('availability')
  @ApiOperation({ summary: 'Available quantity of a SKU, in total and per warehouse, with ship dates and inbound supply; give your ship-to for transit days.' })
  @ApiOkResponse({ type: B2bAvailabilityDto })
  @ApiNotFoundResponse({ description: 'Unknown SKU.' })
  availability(@Query() query: B2bAvailabilityQueryDto): Promise<B2bAvailabilityDto> {
    return this.partnerOrders.availability(query);
  }

  @Post('quotes')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What we can promise for these lines now: shipments per warehouse with dates, backorders, rejections. holdSeconds holds the stock for you.',
  })
  @ApiOkResponse({ type: B2bQuoteDto })
  @ApiBadRequestResponse({ description: 'Invalid fields or malformed JSON.' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown SKU or unit.' })
  quote(@CurrentPartner() partner: Partner, @Body() request: B2bQuoteRequestDto): Promise<B2bQuoteDto> {
    return this.partnerOrders.quote(partner, request);
  }

  @Post('orders')
  @ApiOperation({ summary: 'Place an order. Send an Idempotency-Key: a retry with the same key and body returns the same answer.' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Unique per order, e.g. a UUID; scoped to you; 1–255 printable characters.' })
  @ApiCreatedResponse({
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
    const response = await this.partnerOrders.place(partner, idempotencyKey, order);
    void reply.status(response.status).header('idempotent-replayed', String(response.replayed));
    return response.body;
  }

  @Get('orders/:orderId')
  @ApiOperation({ summary: 'One of your orders.' })
  @ApiOkResponse({ type: B2bOrderDto })
  @ApiNotFoundResponse({ description: 'No such order of yours.' })
  order(@CurrentPartner() partner: Partner, @Param('orderId') orderId: string): Promise<B2bOrderDto> {
    return this.partnerOrders.get(partner, orderId);
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
