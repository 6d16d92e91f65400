import { Module } from '@nestjs/common';
import { CatalogController } from './catalog.controller.js';
import { CatalogService } from './catalog.service.js';
import { CustomerDirectory } from './customer-directory.js';
import { CustomersController } from './customers.controller.js';
import { ItemCatalogRepository } from './item-catalog.repository.js';
import { PriceCatalogService } from './price-catalog.service.js';

/** The process layer's copy of the ERP item master, prices and customers. Exports the reads other contexts need. */
@Module({
  controllers: [CatalogController, CustomersController],
  providers: [ItemCatalogRepository, CatalogService, PriceCatalogService, CustomerDirectory],
  exports: [CatalogService, CustomerDirectory],
})
export class CatalogModule {}
