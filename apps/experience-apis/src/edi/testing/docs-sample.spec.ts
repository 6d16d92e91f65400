import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { readInterchange } from '../domain/interchange.reader.js';
import { mapPurchaseOrder } from '../domain/purchase-order.mapper.js';
import { demoTradingPartners } from '../../experience.config.js';

describe('docs/edi.md', () => {
  it('has a sample 850 a newcomer can paste: a valid interchange of the demo trading partner', () => {
    const docs = readFileSync(new URL('../../../../../docs/edi.md', import.meta.url), 'utf8');
    const sample = /```\n(ISA\*[\s\S]*?)```/.exec(docs)![1];
    const read = readInterchange(sample);
    if (!read.ok) throw new Error(`${read.note}: ${read.detail}`);
    const [partner] = demoTradingPartners();
    expect([read.header.senderId, read.header.receiverId]).toEqual([partner.isaId, partner.ourIsaId]);
    const set = read.groups[0].sets[0];
    expect(set.errors).toEqual([]);
    expect(mapPurchaseOrder(set, partner).errors).toEqual([]);
  });
});
