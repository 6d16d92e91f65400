import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateFulfillmentOrderDto, FulfillmentOrderDto, InventoryPositionDto, WarehouseDto } from '@contracts';
import { ApiProblems } from '../api/api-problems.decorator.js';
import { FulfillmentOrderQueryDto, InventoryQueryDto } from './wms.dto.js';
import { WmsFulfillment, WmsInventory } from './wms.ports.js';

@ApiTags('wms')
@Controller('wms/v1')
export class WmsController {
  constructor(
    private readonly inventory: WmsInventory,
    private readonly fulfillment: WmsFulfillment,
  ) {}

  @Get('warehouses')
  @ApiOperation({ summary: 'The warehouses with their transit days to each region.' })
  @ApiOkResponse({ type: [WarehouseDto] })
  @ApiProblems(502, 503)
  listWarehouses(): Promise<WarehouseDto[]> {
    return this.inventory.listWarehouses();
  }

  @Get('inventory')
  @ApiOperation({
    summary: 'Stock per sku and warehouse, in base eaches, summed over lots; every sku without `sku`.',
    description:
      'With safety stock and transfers in transit to the warehouse; available = onHand - allocated - reserved - safetyStock - qualityHold, never below 0.',
  })
  @ApiOkResponse({ type: [InventoryPositionDto] })
  @ApiProblems(400, 404, 502, 503)
  getInventory(@Query() query: InventoryQueryDto): Promise<InventoryPositionDto[]> {
    return this.inventory.getPositions(query.sku);
  }

  @Get('fulfillment-orders')
  @ApiOperation({ summary: 'The outbound orders released for one ERP order (optionally one warehouse), quantities in base eaches.' })
  @ApiOkResponse({ type: [FulfillmentOrderDto] })
  @ApiProblems(400, 502, 503)
  findFulfillmentOrders(@Query() query: FulfillmentOrderQueryDto): Promise<FulfillmentOrderDto[]> {
    return this.fulfillment.find(query.erpOrderNumber, query.warehouseId);
  }

  @Post('fulfillment-orders')
  @ApiOperation({ summary: 'Release an outbound order to a warehouse (quantities in base eaches).' })
  @ApiCreatedResponse({ type: FulfillmentOrderDto })
  @ApiProblems(400, 422, 502, 503)
  createFulfillmentOrder(@Body() order: CreateFulfillmentOrderDto): Promise<FulfillmentOrderDto> {
    return this.fulfillment.create(order);
  }
}
