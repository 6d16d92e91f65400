import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OmsOrderDto, OmsTransitionDto, RegisterOmsOrderDto } from '@contracts';
import { ApiProblems } from '../api/api-problems.decorator.js';
import { OmsOrders } from './oms.ports.js';

@ApiTags('oms')
@Controller('oms/v1/orders')
export class OmsController {
  constructor(private readonly orders: OmsOrders) {}

  @Post()
  @ApiOperation({ summary: 'Register an order in the OMS; idempotent on channelOrderRef (a repeat answers the existing order).' })
  @ApiCreatedResponse({ type: OmsOrderDto })
  @ApiProblems(400, 422, 502, 503)
  register(@Body() order: RegisterOmsOrderDto): Promise<OmsOrderDto> {
    return this.orders.register(order);
  }

  @Post(':omsOrderId/transitions')
  @ApiOperation({ summary: 'Move an order to a new status; appended to its timeline.' })
  @ApiCreatedResponse({ type: OmsOrderDto })
  @ApiProblems(400, 404, 409, 422, 502, 503)
  transition(@Param('omsOrderId') omsOrderId: string, @Body() transition: OmsTransitionDto): Promise<OmsOrderDto> {
    return this.orders.transition(omsOrderId, transition);
  }

  @Get(':omsOrderId')
  @ApiOperation({ summary: 'An order with its status timeline.' })
  @ApiOkResponse({ type: OmsOrderDto })
  @ApiProblems(404, 502, 503)
  get(@Param('omsOrderId') omsOrderId: string): Promise<OmsOrderDto> {
    return this.orders.get(omsOrderId);
  }
}
