import { Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ErpAuthGuard } from './erp-auth.guard.js';
import { ErpStore } from './erp.store.js';
import { readEntitySet } from './odata.reader.js';

@Controller('sap/opu/odata/sap/API_BUSINESS_PARTNER')
@UseGuards(ErpAuthGuard)
export class ErpBusinessPartnerController {
  constructor(private readonly store: ErpStore) {}

  /** `A_Customer` or `A_Customer('10100001')`. */
  @Get(':segment')
  read(@Param('segment') segment: string, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest): object {
    const rows = [...this.store.customers.values()];
    return readEntitySet(
      {
        service: 'API_BUSINESS_PARTNER',
        set: 'A_Customer',
        type: 'API_BUSINESS_PARTNER.A_CustomerType',
        rows,
        keyOf: (c) => c.Customer,
        fields: Object.keys(rows[0]!),
      },
      segment,
      query,
      request,
    );
  }
}
