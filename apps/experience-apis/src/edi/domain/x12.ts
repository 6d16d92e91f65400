/**
 * X12 primitives: separators, segments, and writing an ISA/GS/ST envelope.
 *
 * Why not node-x12 here: its parser stops at the first error with a message (no segment or
 * element position, so no 997 AK3/AK4 can be built from it), reads ISA13 as a number
 * (000000101 becomes 101, the acknowledgment must echo the nine digits), and takes ISA11 as
 * the repetition separator even in 004010, where ISA11 is the standards identifier `U`.
 * Our reader and writers are small; node-x12 reads every document we write back in the
 * tests, as an independent check of widths, counts and separators.
 */

import { writableElement } from './x12-elements.js';

export interface Separators {
  readonly element: string;
  /** ISA16, the component (sub-element) separator. */
  readonly component: string;
  readonly segment: string;
  /** ISA11 from 00402 on; in 00401 ISA11 is the standards identifier `U` and there is none. */
  readonly repetition?: string;
}

/** One segment: `elements[0]` is the segment id, so `elements[n]` is the n-th data element. */
export interface Segment {
  readonly elements: readonly string[];
}

export const segmentId = (segment: Segment): string => segment.elements[0];
export const element = (segment: Segment, position: number): string => segment.elements[position] ?? '';

/** ISA element widths (ISA01..ISA16): every field is fixed width, the segment 106 characters with its terminator. */
export const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;
export const ISA_LENGTH = 106;
export const X12_VERSION = '00401';
export const GS_VERSION = '004010';

export function segment(...elements: (string | number | undefined)[]): Segment {
  // trailing empty elements are dropped, as X12 requires
  const values = elements.map((value) => (value === undefined ? '' : String(value)));
  while (values.length > 1 && values[values.length - 1] === '') values.pop();
  return { elements: values };
}

/**
 * A segment as text. Every element but the fixed-width ISA's goes through the element rules
 * (x12-elements.ts): basic character set, no separator inside, at most its maximum length.
 */
export function writeSegment(seg: Segment, separators: Separators): string {
  const id = segmentId(seg);
  const values =
    id === 'ISA' ? [...seg.elements] : seg.elements.map((value, position) => (position === 0 ? value : writableElement(id, position, value, separators)));
  while (values.length > 1 && values[values.length - 1] === '') values.pop();
  return values.join(separators.element) + separators.segment;
}

/** Left-justified and space padded, or zero padded for numbers: the ISA's fixed widths. */
export function fixed(value: string, width: number, pad: ' ' | '0' = ' '): string {
  if (value.length > width) throw new Error(`"${value}" does not fit ${width} characters`);
  return pad === '0' ? value.padStart(width, '0') : value.padEnd(width, ' ');
}

export function x12Date(at: Date, digits: 6 | 8): string {
  const iso = at.toISOString();
  const date = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
  return digits === 8 ? date : date.slice(2);
}

export function x12Time(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(11, 13)}${iso.slice(14, 16)}`;
}

/** `2026-11-25` -> `20261125`. */
export const isoToX12Date = (iso: string): string => iso.slice(0, 10).replaceAll('-', '');
/** `20261125` -> `2026-11-25`; undefined when it is not a valid CCYYMMDD date. */
export function x12ToIsoDate(value: string): string | undefined {
  if (!/^\d{8}$/.test(value)) return undefined;
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  return Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/** X12 units for our units of measure: a case is `CA` in X12, `CS` in the canonical model. */
export const x12Unit = (uom: string): string => (uom === 'CS' ? 'CA' : uom);

export interface EnvelopeParty {
  readonly isaQualifier: string;
  readonly isaId: string;
  readonly gsId: string;
}

export interface EnvelopeOptions {
  readonly sender: EnvelopeParty;
  readonly receiver: EnvelopeParty;
  readonly separators: Separators;
  /** ISA13 and GS06: one allocated number serves both (one group per interchange). */
  readonly controlNumber: number;
  /** GS01: PO (850), PR (855), SH (856), IN (810), FA (997). */
  readonly functionalId: string;
  readonly usage: 'T' | 'P';
  readonly at: Date;
}

/** ISA with every field at its fixed width. */
export function isaSegment(options: Omit<EnvelopeOptions, 'functionalId'>): Segment {
  const { sender, receiver, separators, controlNumber, usage, at } = options;
  return segment(
    'ISA',
    '00',
    fixed('', 10),
    '00',
    fixed('', 10),
    fixed(sender.isaQualifier, 2),
    fixed(sender.isaId, 15),
    fixed(receiver.isaQualifier, 2),
    fixed(receiver.isaId, 15),
    x12Date(at, 6),
    x12Time(at),
    'U', // 00401: the standards identifier; no repetition separator in this version
    X12_VERSION,
    fixed(String(controlNumber), 9, '0'),
    '0',
    usage,
    separators.component,
  );
}

/**
 * One interchange holding one functional group of transaction sets (each given without ST/SE):
 * ST02 numbered from 0001, SE01 counted, GE01/IEA01 counted, GE02 = GS06, IEA02 = ISA13.
 */
export function writeInterchange(options: EnvelopeOptions, sets: readonly { readonly id: string; readonly body: readonly Segment[] }[]): string {
  const { separators, controlNumber, at } = options;
  const out: Segment[] = [
    isaSegment(options),
    segment('GS', options.functionalId, options.sender.gsId, options.receiver.gsId, x12Date(at, 8), x12Time(at), controlNumber, 'X', GS_VERSION),
  ];
  sets.forEach((set, index) => {
    const st = String(index + 1).padStart(4, '0');
    out.push(segment('ST', set.id, st), ...set.body, segment('SE', set.body.length + 2, st));
  });
  out.push(segment('GE', sets.length, controlNumber), segment('IEA', 1, fixed(String(controlNumber), 9, '0')));
  return out.map((s) => writeSegment(s, separators)).join('');
}

/** Amounts in X12 R (decimal) elements: no trailing zeros needed, no exponent. */
export function decimal(value: number, maxDecimals = 4): string {
  const rounded = Math.round(value * 10 ** maxDecimals) / 10 ** maxDecimals;
  return String(rounded);
}
