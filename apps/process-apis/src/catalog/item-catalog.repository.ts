import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@platform';
import type { CatalogItem } from './item-catalog.js';

interface ItemRow {
  sku: string;
  description: string;
  base_uom: CatalogItem['baseUom'];
  conversions: CatalogItem['conversions'];
  product_group: string | null;
  returnable: boolean;
}

@Injectable()
export class ItemCatalogRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async replaceAll(items: CatalogItem[], refreshedAt: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const item of items) {
        await tx.query(
          `INSERT INTO items (sku, description, base_uom, conversions, product_group, refreshed_at, returnable)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (sku) DO UPDATE SET description = EXCLUDED.description, base_uom = EXCLUDED.base_uom,
             conversions = EXCLUDED.conversions, product_group = EXCLUDED.product_group, refreshed_at = EXCLUDED.refreshed_at,
             returnable = EXCLUDED.returnable`,
          [item.sku, item.description, item.baseUom, JSON.stringify(item.conversions), item.productGroup ?? null, refreshedAt, item.returnable !== false],
        );
      }
      // items the ERP no longer has are no longer sold
      await tx.query('DELETE FROM items WHERE refreshed_at < $1', [refreshedAt]);
    });
  }

  async all(): Promise<CatalogItem[]> {
    const rows = await this.db.query<ItemRow>('SELECT sku, description, base_uom, conversions, product_group, returnable FROM items ORDER BY sku');
    return rows.map((row) => ({
      sku: row.sku,
      description: row.description,
      baseUom: row.base_uom,
      conversions: row.conversions,
      productGroup: row.product_group ?? undefined,
      returnable: row.returnable,
    }));
  }
}
