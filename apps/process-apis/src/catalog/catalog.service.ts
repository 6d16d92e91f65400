import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SystemApiClient } from '@contracts';
import { PeriodicTask, runWithContext } from '@platform';
import { randomUUID } from 'node:crypto';
import { ProcessApisConfig } from '../process.config.js';
import { fromItemDto, type CatalogItem } from './item-catalog.js';
import { ItemCatalogRepository } from './item-catalog.repository.js';

/**
 * The item master, copied from the ERP into the process database and memory, so that an
 * unknown SKU or unit is refused without any call reaching a backend.
 */
@Injectable()
export class CatalogService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CatalogService.name);
  private items = new Map<string, CatalogItem>();
  // Without a first copy the layer can't validate orders; retry soon, then settle to the schedule.
  private readonly task = new PeriodicTask({
    run: () => this.refresh(),
    every: (synced) => (synced ? this.config.catalogRefreshMs : 5_000),
    logger: this.logger,
    failure: 'item catalog sync failed',
  });

  constructor(
    private readonly system: SystemApiClient,
    private readonly repository: ItemCatalogRepository,
    private readonly config: ProcessApisConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.index(await this.repository.all());
    await this.task.startNow();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  get size(): number {
    return this.items.size;
  }

  find(sku: string): CatalogItem | undefined {
    return this.items.get(sku);
  }

  /** Items in SKU order after `afterSku`, for cursor pagination. */
  page(afterSku: string | undefined, limit: number): { items: CatalogItem[]; hasMore: boolean } {
    const sorted = [...this.items.values()].sort((a, b) => a.sku.localeCompare(b.sku));
    const start = afterSku === undefined ? 0 : sorted.findIndex((item) => item.sku > afterSku);
    const rest = start < 0 ? [] : sorted.slice(start);
    return { items: rest.slice(0, limit), hasMore: rest.length > limit };
  }

  async refresh(): Promise<boolean> {
    return runWithContext({ correlationId: `catalog-sync-${randomUUID()}` }, async () => {
      try {
        const items: CatalogItem[] = [];
        let cursor: string | undefined;
        do {
          const page = await this.system.listItems(cursor, 200);
          items.push(...page.items.map(fromItemDto));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        await this.repository.replaceAll(items, new Date());
        this.index(items);
        this.logger.log(`item catalog synced from the ERP: ${items.length} items`);
        return true;
      } catch (error) {
        this.logger.warn(`item catalog sync failed, keeping ${this.items.size} known items: ${(error as Error).message}`);
        return false;
      }
    });
  }

  private index(items: CatalogItem[]): void {
    this.items = new Map(items.map((item) => [item.sku, item]));
  }
}
