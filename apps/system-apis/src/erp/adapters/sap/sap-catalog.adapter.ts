import { Injectable } from '@nestjs/common';
import type { ItemDto, PageDto } from '@contracts';
import { ValidationError } from '@platform';
import type { ErpCatalog } from '../../erp.ports.js';
import { decodeSkipCursor, encodeSkipCursor } from './sap-cursor.js';
import { odataQuery } from './sap-odata.js';
import { SapODataClient } from './sap-odata.client.js';
import { toItem } from './sap-product.mapper.js';
import type { SapProduct } from './sap.types.js';

@Injectable()
export class SapErpCatalogAdapter implements ErpCatalog {
  constructor(private readonly sap: SapODataClient) {}

  /** $top/$skip paging; one extra row tells whether another page follows. */
  async listItems(cursor: string | undefined, limit: number): Promise<PageDto<ItemDto>> {
    const skip = cursor === undefined ? 0 : decodeSkipCursor(cursor);
    if (skip === undefined) throw new ValidationError([{ field: 'cursor', messages: ['cursor is not one this API issued'] }]);
    const query = odataQuery({ $top: limit + 1, $skip: skip, $expand: 'to_ProductUnitsOfMeasure' });
    const products = await this.sap.list<SapProduct>(`/API_PRODUCT_SRV/A_Product${query}`);
    return {
      items: products.slice(0, limit).map(toItem),
      nextCursor: products.length > limit ? encodeSkipCursor(skip + limit) : null,
    };
  }
}
