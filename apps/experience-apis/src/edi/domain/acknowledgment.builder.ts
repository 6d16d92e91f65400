import type { FunctionalGroup, InterchangeHeader } from './interchange.reader.js';
import type { Ak3Error, Ak4Error, Ak5Error, Ak9Error, AckStatus, Ta1Note } from './x12-codes.js';
import { isaSegment, segment, writeSegment, type EnvelopeParty, type Segment, type Separators } from './x12.js';

/** AK4: one bad element of a segment. */
export interface ElementError {
  /** Position of the element in its segment (PO107 -> 7). */
  readonly position: number;
  /** X12 data element reference number (PO107 -> 234). */
  readonly reference?: string;
  readonly code: Ak4Error;
  /** The bad value, echoed in AK404. */
  readonly value?: string;
}

/** AK3: a segment in error, by its position in the set (ST = 1). */
export interface SegmentError {
  readonly segmentId: string;
  readonly position: number;
  readonly loopId?: string;
  readonly code: Ak3Error;
  readonly elements: readonly ElementError[];
}

export interface SetAcknowledgment {
  readonly setId: string;
  readonly controlNumber: string;
  readonly errors: readonly Ak5Error[];
  readonly segmentErrors: readonly SegmentError[];
}

export const setAccepted = (set: SetAcknowledgment): boolean => set.errors.length === 0 && set.segmentErrors.length === 0;

/** AK501: R when anything is wrong (we do not accept sets with errors noted). */
export function setStatus(set: SetAcknowledgment): AckStatus {
  return setAccepted(set) ? 'A' : 'R';
}

export function groupStatus(group: FunctionalGroup, sets: readonly SetAcknowledgment[]): AckStatus {
  if (group.errors.length) return 'R';
  const accepted = sets.filter(setAccepted).length;
  if (accepted === sets.length) return 'A';
  return accepted === 0 ? 'R' : 'P';
}

/**
 * A 997's body (without ST/SE) for one received functional group: AK1, then per set AK2,
 * its AK3/AK4 and AK5, then AK9 with the counts (included as declared in GE01, received,
 * accepted) and the group's error codes.
 */
export function functionalAcknowledgment(group: FunctionalGroup, sets: readonly SetAcknowledgment[]): Segment[] {
  const body: Segment[] = [segment('AK1', group.functionalId, group.controlNumber)];
  for (const set of sets) {
    body.push(segment('AK2', set.setId, set.controlNumber));
    for (const bad of set.segmentErrors) {
      body.push(segment('AK3', bad.segmentId, bad.position, bad.loopId, bad.code));
      for (const el of bad.elements) body.push(segment('AK4', el.position, el.reference, el.code, el.value));
    }
    const codes = [...set.errors];
    if (set.segmentErrors.length && !codes.includes('5')) codes.push('5');
    body.push(segment('AK5', setStatus(set), ...codes.slice(0, 5)));
  }
  const groupErrors: Ak9Error[] = [...group.errors];
  body.push(
    segment(
      'AK9',
      groupStatus(group, sets),
      group.declaredSets ?? sets.length,
      sets.length,
      group.errors.length ? 0 : sets.filter(setAccepted).length,
      ...groupErrors.slice(0, 5),
    ),
  );
  return body;
}

/**
 * A TA1 answer: its own interchange (ISA, TA1, IEA, no group), addressed back to the sender.
 * TA101..TA105: the control number, date and time of the interchange acknowledged, the
 * status and the note code.
 */
export function ta1Interchange(options: {
  readonly received: InterchangeHeader;
  readonly sender: EnvelopeParty;
  readonly receiver: EnvelopeParty;
  readonly separators: Separators;
  readonly controlNumber: number;
  readonly note: Ta1Note;
  readonly usage: 'T' | 'P';
  readonly at: Date;
}): string {
  const { received, separators } = options;
  const segments = [
    isaSegment({ ...options }),
    segment(
      'TA1',
      // TA101..TA103 are fixed width: a malformed ISA13/09/10 is acknowledged as zeros
      /^\d{9}$/.test(received.controlNumber) ? received.controlNumber : '000000000',
      /^\d{6}$/.test(received.date) ? received.date : '000000',
      /^\d{4}$/.test(received.time) ? received.time : '0000',
      options.note === '000' ? 'A' : 'R',
      options.note,
    ),
    segment('IEA', 0, String(options.controlNumber).padStart(9, '0')),
  ];
  return segments.map((s) => writeSegment(s, separators)).join('');
}
