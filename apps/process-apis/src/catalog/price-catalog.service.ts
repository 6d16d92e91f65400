import { Injectable } from '@nestjs/common';
import { SystemApiClient, type CatalogPageDto } from '@contracts';
import { ValidationError } from '@platform';
import { CatalogService } from './catalog.service.js';
import { packSize } from './item-catalog.js';

/** One page of the catalog priced for one customer: the item master is local, the prices are the ERP's. */
@Injectable()
export class PriceCatalogService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly system: SystemApiClient,
  ) {}

  async page(customerId: string, cursor: string | undefined, limit: number): Promise<CatalogPageDto> {
    const page = this.catalog.page(decodeCursor(cursor), limit);
    if (!page.items.length) return { items: [], nextCursor: null };
    const prices = new Map(
      (
        await this.system.getPrices(
          customerId,
          page.items.map((i) => i.sku),
        )
      ).map((p) => [p.sku, p]),
    );
    const priced = page.items.filter((item) => prices.has(item.sku));
    return {
      items: priced.map((item) => {
        const price = prices.get(item.sku)!;
        return {
          sku: item.sku,
          description: item.description,
          unitOfMeasure: item.baseUom,
          packSize: packSize(item),
          conversions: item.conversions,
          price: { amount: price.unitPrice, currency: price.currency },
          priceSource: price.source,
        };
      }),
      nextCursor: page.hasMore ? encodeCursor(page.items[page.items.length - 1].sku) : null,
    };
  }
}

function encodeCursor(sku: string): string {
  return Buffer.from(`sku:${sku}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString();
  if (!decoded.startsWith('sku:')) throw new ValidationError([{ field: 'cursor', messages: ['cursor is not one this API issued'] }]);
  return decoded.slice(4);
}
