import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { WmsAuthGuard } from './wms-auth.guard.js';
import { CreateOutboundOrderDto } from './wms.dto.js';
import type { WmsOutboundOrder } from './wms.model.js';
import { WmsStore } from './wms.store.js';

@Controller('wms/api/outbound-orders')
@UseGuards(WmsAuthGuard)
export class WmsOutboundOrderController {
  constructor(private readonly store: WmsStore) {}

  /** Releases an order to the floor: allocates stock and emits OB_RELEASED (with the caller's correlation id). */
  @Post()
  @HttpCode(201)
  create(@Body() body: CreateOutboundOrderDto, @Headers('x-correlation-id') correlationId?: string): WmsOutboundOrder {
    return this.store.createOrder(body, correlationId);
  }

  @Get()
  list(@Query('ext_ref') extRef?: string, @Query('site_id') siteId?: string): { orders: WmsOutboundOrder[] } {
    return { orders: this.store.findOrders(extRef, siteId) };
  }

  @Get(':id')
  get(@Param('id') id: string): WmsOutboundOrder {
    return this.store.getOrder(id);
  }
}
