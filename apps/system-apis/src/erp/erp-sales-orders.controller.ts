import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateErpSalesOrderDto, ErpSalesOrderDto } from '@contracts';
import { ApiProblems } from '../api/api-problems.decorator.js';
import { ErpSalesOrders } from './erp.ports.js';
import { SalesOrderSearchQueryDto } from './erp.dto.js';

@ApiTags('erp')
@Controller('erp/v1/sales-orders')
export class ErpSalesOrdersController {
  constructor(private readonly salesOrders: ErpSalesOrders) {}

  @Post()
  @ApiOperation({ summary: 'Create a sales order in the ERP; it prices the lines and runs the credit check.' })
  @ApiCreatedResponse({ type: ErpSalesOrderDto })
  @ApiProblems(400, 422, 502, 503)
  create(@Body() order: CreateErpSalesOrderDto): Promise<ErpSalesOrderDto> {
    return this.salesOrders.create(order);
  }

  @Get()
  @ApiOperation({ summary: "A customer's sales orders for one purchase order number (to find an order created before a lost answer)." })
  @ApiOkResponse({ type: [ErpSalesOrderDto] })
  @ApiProblems(400, 502, 503)
  find(@Query() query: SalesOrderSearchQueryDto): Promise<ErpSalesOrderDto[]> {
    return this.salesOrders.find(query.customerId, query.purchaseOrderNumber);
  }

  @Post(':erpOrderNumber/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a sales order in the ERP (all items rejected). Cancelling a cancelled order answers it again.' })
  @ApiOkResponse({ type: ErpSalesOrderDto })
  @ApiProblems(404, 422, 502, 503)
  cancel(@Param('erpOrderNumber') erpOrderNumber: string): Promise<ErpSalesOrderDto> {
    return this.salesOrders.cancel(erpOrderNumber);
  }

  @Get(':erpOrderNumber')
  @ApiOperation({ summary: 'One sales order with its items.' })
  @ApiOkResponse({ type: ErpSalesOrderDto })
  @ApiProblems(404, 502, 503)
  get(@Param('erpOrderNumber') erpOrderNumber: string): Promise<ErpSalesOrderDto> {
    return this.salesOrders.get(erpOrderNumber);
  }
}
