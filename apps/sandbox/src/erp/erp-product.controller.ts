import { Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ErpAuthGuard } from './erp-auth.guard.js';
import { ErpStore } from './erp.store.js';
import { readEntitySet } from './odata.reader.js';

@Controller('sap/opu/odata/sap/API_PRODUCT_SRV')
@UseGuards(ErpAuthGuard)
export class ErpProductController {
  constructor(private readonly store: ErpStore) {}

  /** `A_Product` or `A_Product('SKU-1001')`; units of measure are always inline. */
  @Get(':segment')
  read(@Param('segment') segment: string, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest): object {
    const rows = [...this.store.products.values()];
    return readEntitySet(
      {
        service: 'API_PRODUCT_SRV',
        set: 'A_Product',
        type: 'API_PRODUCT_SRV.A_ProductType',
        rows,
        keyOf: (p) => p.Product,
        fields: Object.keys(rows[0]!),
        navigations: ['to_ProductUnitsOfMeasure'],
      },
      segment,
      query,
      request,
    );
  }
}
