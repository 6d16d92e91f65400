import { Injectable } from '@nestjs/common';

/**
 * Tells in-process readers that stock figures changed in this instance (a reservation, a
 * release, an event, a rebuild), so caches drop what they hold for those skus at once.
 * Other instances' changes reach a cache when its entries expire.
 */
@Injectable()
export class StockChanges {
  private readonly listeners: ((skus: readonly string[] | undefined) => void)[] = [];

  onChange(listener: (skus: readonly string[] | undefined) => void): void {
    this.listeners.push(listener);
  }

  /** `skus` undefined: everything may have changed. */
  changed(skus?: readonly string[]): void {
    for (const listener of this.listeners) listener(skus);
  }
}
