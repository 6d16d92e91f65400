import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { WmsAuthGuard } from './wms-auth.guard.js';
import { WmsRmaStore } from './wms-rma.store.js';
import { CreateRmaOrderDto } from './wms.dto.js';
import type { WmsRmaOrder } from './wms.model.js';

/** Expected inbound returns: the caller announces what comes back to which site; the floor receives it (control surface). */
@Controller('wms/api/rma-orders')
@UseGuards(WmsAuthGuard)
export class WmsRmaOrderController {
  constructor(private readonly store: WmsRmaStore) {}

  /** 201 with the new order; 200 with the existing one when `ext_ref` was announced before. */
  @Post()
  create(@Body() body: CreateRmaOrderDto, @Res({ passthrough: true }) reply: FastifyReply): WmsRmaOrder {
    const { order, created } = this.store.create(body);
    void reply.status(created ? 201 : 200);
    return order;
  }

  @Get()
  list(
    @Query('ext_ref') extRef?: string,
    @Query('site_id') siteId?: string,
    @Query('status_code', new ParseIntPipe({ optional: true })) statusCode?: number,
  ): { rma_orders: WmsRmaOrder[] } {
    return { rma_orders: this.store.find(extRef, siteId, statusCode) };
  }

  @Get(':id')
  get(@Param('id') id: string): WmsRmaOrder {
    return this.store.get(id);
  }
}
