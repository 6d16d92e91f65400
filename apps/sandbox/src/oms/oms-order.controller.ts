import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { OmsAuthGuard } from './oms-auth.guard.js';
import { CreateOmsOrderDto, OmsTransitionDto } from './oms.dto.js';
import type { OmsOrder } from './oms.model.js';
import { OmsStore } from './oms.store.js';

@Controller('oms/api/v2/orders')
@UseGuards(OmsAuthGuard)
export class OmsOrderController {
  constructor(private readonly store: OmsStore) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: CreateOmsOrderDto): OmsOrder {
    return this.store.create(body);
  }

  @Get()
  list(@Query('channel_ref') channelRef?: string, @Query('erp_ref') erpRef?: string): { items: OmsOrder[] } {
    return { items: this.store.find({ channelRef, erpRef }) };
  }

  @Get(':omsId')
  get(@Param('omsId') omsId: string): OmsOrder {
    return this.store.get(omsId);
  }

  @Post(':omsId/transitions')
  @HttpCode(200)
  transition(@Param('omsId') omsId: string, @Body() body: OmsTransitionDto): OmsOrder {
    return this.store.transition(omsId, body);
  }
}
