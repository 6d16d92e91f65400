import { Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ErpAuthGuard } from './erp-auth.guard.js';
import { ErpStore } from './erp.store.js';
import { readEntitySet } from './odata.reader.js';

@Controller('sap/opu/odata/sap/API_SLSPRICINGCONDITIONRECORD_SRV')
@UseGuards(ErpAuthGuard)
export class ErpPricingController {
  constructor(private readonly store: ErpStore) {}

  /** `A_SlsPrcgConditionRecord`; `$filter=Customer eq ''` gives the list prices. */
  @Get(':segment')
  read(@Param('segment') segment: string, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest): object {
    const rows = this.store.conditions;
    return readEntitySet(
      {
        service: 'API_SLSPRICINGCONDITIONRECORD_SRV',
        set: 'A_SlsPrcgConditionRecord',
        type: 'API_SLSPRICINGCONDITIONRECORD_SRV.A_SlsPrcgConditionRecordType',
        rows,
        keyOf: (c) => c.ConditionRecord,
        fields: Object.keys(rows[0]!),
      },
      segment,
      query,
      request,
    );
  }
}
