import type { FunctionalGroup } from './interchange.reader.js';
import type { AckStatus } from './x12-codes.js';
import { element, segmentId } from './x12.js';

/** What a partner's 997 says about one of our functional groups. */
export interface ReceivedAcknowledgment {
  /** AK101: the functional id of our group (PR, SH, IN). */
  readonly functionalId: string;
  /** AK102: our GS06, which is also the document's control number (one group per interchange). */
  readonly groupControlNumber: number;
  /** AK901. */
  readonly status: AckStatus;
}

/** The 997s in a received FA group; sets with envelope faults or without AK1/AK9 are skipped (a 997 is never acknowledged). */
export function readAcknowledgments(group: FunctionalGroup): ReceivedAcknowledgment[] {
  return group.sets
    .filter((set) => set.id === '997' && set.errors.length === 0)
    .flatMap((set) => {
      const ak1 = set.segments.find((s) => segmentId(s) === 'AK1');
      const ak9 = set.segments.find((s) => segmentId(s) === 'AK9');
      if (!ak1 || !ak9 || !/^\d{1,9}$/.test(element(ak1, 2)) || !/^[AEPR]$/.test(element(ak9, 1))) return [];
      return [{ functionalId: element(ak1, 1), groupControlNumber: Number(element(ak1, 2)), status: element(ak9, 1) as AckStatus }];
    });
}
