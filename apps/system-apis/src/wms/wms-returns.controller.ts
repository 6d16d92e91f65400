import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CreateWmsReturnReceiptDto, WmsReturnReceiptDto } from '@contracts';
import { ApiProblems } from '../api/api-problems.decorator.js';
import { ReturnReceiptQueryDto } from './wms.dto.js';
import { WmsReturns } from './wms.ports.js';

@ApiTags('wms')
@Controller('wms/v1/return-receipts')
export class WmsReturnsController {
  constructor(private readonly returns: WmsReturns) {}

  @Post()
  @ApiOperation({
    summary: 'Announce an inbound return to a warehouse (quantities in base eaches); idempotent on rmaNumber.',
    description:
      'The first create answers 201 with the new receipt; a create with a known rmaNumber answers 200 with the existing receipt and ignores the body. The WMS refuses (422) an unknown warehouse or sku and a sku or line number given twice.',
  })
  @ApiCreatedResponse({ type: WmsReturnReceiptDto, description: 'Announced now.' })
  @ApiOkResponse({ type: WmsReturnReceiptDto, description: 'Announced before under this rmaNumber: that receipt, as it is now.' })
  @ApiProblems(400, 422, 502, 503)
  async create(@Body() receipt: CreateWmsReturnReceiptDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<WmsReturnReceiptDto> {
    const { receipt: answer, created } = await this.returns.createReceipt(receipt);
    void reply.status(created ? 201 : 200);
    return answer;
  }

  @Get()
  @ApiOperation({ summary: 'The receipt announced under an RMA number, with what arrived by disposition once received.' })
  @ApiOkResponse({ type: [WmsReturnReceiptDto] })
  @ApiProblems(400, 502, 503)
  find(@Query() query: ReturnReceiptQueryDto): Promise<WmsReturnReceiptDto[]> {
    return this.returns.findReceipts(query.rmaNumber);
  }
}
