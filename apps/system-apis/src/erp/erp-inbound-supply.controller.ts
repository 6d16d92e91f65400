import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InboundSupplyDto } from '@contracts';
import { ApiProblems } from '../api/api-problems.decorator.js';
import { InboundSupplyQueryDto } from './erp.dto.js';
import { ErpInboundSupply } from './erp.ports.js';

@ApiTags('erp')
@Controller('erp/v1/inbound-supply')
export class ErpInboundSupplyController {
  constructor(private readonly inboundSupply: ErpInboundSupply) {}

  @Get()
  @ApiOperation({ summary: 'Open purchase order quantity still to arrive, in base units, per sku and warehouse; sorted by eta, then sku.' })
  @ApiOkResponse({ type: [InboundSupplyDto] })
  @ApiProblems(400, 502, 503)
  list(@Query() query: InboundSupplyQueryDto): Promise<InboundSupplyDto[]> {
    return this.inboundSupply.listInboundSupply(query.sku, query.warehouseId);
  }
}
