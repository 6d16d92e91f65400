/**
 * The data elements of every segment we write (ASC X12 004010): type and min/max length by
 * position. The writer enforces them on every element, so no partner data (a name holding `*`
 * or `~`, a 70-character street) can break a document or exceed a field.
 *
 * Types: AN string, ID code, DT date, TM time, N0/N2 integer (N2: two implied decimals), R decimal.
 */
export type ElementType = 'AN' | 'ID' | 'DT' | 'TM' | 'N0' | 'N2' | 'R';

export interface ElementSpec {
  readonly type: ElementType;
  readonly min: number;
  readonly max: number;
}

const e = (type: ElementType, min: number, max: number): ElementSpec => ({ type, min, max });
const AN = (min: number, max: number) => e('AN', min, max);
const ID = (min: number, max: number) => e('ID', min, max);
const N0 = (min: number, max: number) => e('N0', min, max);
const R = (min: number, max: number) => e('R', min, max);
const DT8 = e('DT', 8, 8);
const TM = e('TM', 4, 8);

/** Product/service id pairs (235 qualifier, 234 id) from `from` on, as PO1, LIN, IT1 repeat them. */
const productIdPairs = (from: number, count: number): Record<number, ElementSpec> =>
  Object.fromEntries(Array.from({ length: count * 2 }, (_, i) => [from + i, i % 2 === 0 ? ID(2, 2) : AN(1, 48)]));

/** Elements by segment id and position (1-based). ISA is fixed width and written by isaSegment. */
export const X12_ELEMENTS: Readonly<Record<string, Readonly<Record<number, ElementSpec>>>> = {
  GS: { 1: ID(2, 2), 2: AN(2, 15), 3: AN(2, 15), 4: DT8, 5: TM, 6: N0(1, 9), 7: ID(1, 2), 8: AN(1, 12) },
  GE: { 1: N0(1, 6), 2: N0(1, 9) },
  IEA: { 1: N0(1, 5), 2: N0(9, 9) },
  ST: { 1: ID(3, 3), 2: AN(4, 9) },
  SE: { 1: N0(1, 10), 2: AN(4, 9) },
  TA1: { 1: N0(9, 9), 2: e('DT', 6, 6), 3: e('TM', 4, 4), 4: ID(1, 1), 5: ID(3, 3) },
  // 997
  // AK102 echoes the GS06 received, which may be malformed (then AK905 6 says so): written as text
  AK1: { 1: ID(2, 2), 2: AN(1, 9) },
  AK2: { 1: ID(3, 3), 2: AN(4, 9) },
  AK3: { 1: ID(2, 3), 2: N0(1, 6), 3: AN(1, 6), 4: ID(1, 3) },
  AK4: { 1: N0(1, 2), 2: N0(1, 4), 3: ID(1, 3), 4: AN(1, 99) },
  AK5: { 1: ID(1, 1), 2: ID(1, 3), 3: ID(1, 3), 4: ID(1, 3), 5: ID(1, 3), 6: ID(1, 3) },
  AK9: { 1: ID(1, 1), 2: N0(1, 6), 3: N0(1, 6), 4: N0(1, 6), 5: ID(1, 3), 6: ID(1, 3), 7: ID(1, 3), 8: ID(1, 3), 9: ID(1, 3) },
  // 855
  BAK: { 1: ID(2, 2), 2: ID(2, 2), 3: AN(1, 22), 4: DT8, 5: AN(1, 30), 6: AN(1, 45), 7: AN(1, 30), 8: AN(1, 30), 9: DT8 },
  PO1: { 1: AN(1, 20), 2: R(1, 15), 3: ID(2, 2), 4: R(1, 17), 5: ID(2, 2), ...productIdPairs(6, 10) },
  ACK: { 1: ID(2, 2), 2: R(1, 15), 3: ID(2, 2), 4: ID(3, 3), 5: DT8, 6: AN(1, 45), ...productIdPairs(7, 10) },
  CTT: { 1: N0(1, 6), 2: R(1, 10) },
  // 856
  BSN: { 1: ID(2, 2), 2: AN(2, 30), 3: DT8, 4: TM, 5: ID(4, 4) },
  HL: { 1: AN(1, 12), 2: AN(1, 12), 3: ID(1, 2) },
  TD5: { 1: ID(1, 2), 2: ID(1, 2), 3: AN(2, 80) },
  REF: { 1: ID(2, 3), 2: AN(1, 30), 3: AN(1, 80) },
  DTM: { 1: ID(3, 3), 2: DT8, 3: TM },
  N1: { 1: ID(2, 3), 2: AN(1, 60), 3: ID(1, 2), 4: AN(2, 80) },
  N3: { 1: AN(1, 55), 2: AN(1, 55) },
  N4: { 1: AN(2, 30), 2: ID(2, 2), 3: ID(3, 15), 4: ID(2, 3) },
  PRF: { 1: AN(1, 22), 2: AN(1, 30), 3: AN(1, 8), 4: DT8 },
  LIN: { 1: AN(1, 20), ...productIdPairs(2, 15) },
  SN1: { 1: AN(1, 20), 2: R(1, 10), 3: ID(2, 2), 4: R(1, 15), 5: ID(2, 2), 6: ID(2, 2) },
  // 810
  BIG: { 1: DT8, 2: AN(1, 22), 3: DT8, 4: AN(1, 22), 5: AN(1, 30), 6: AN(1, 8), 7: ID(2, 2) },
  IT1: { 1: AN(1, 20), 2: R(1, 10), 3: ID(2, 2), 4: R(1, 17), 5: ID(2, 2), ...productIdPairs(6, 10) },
  TDS: { 1: e('N2', 1, 15) },
  TXI: { 1: ID(2, 2), 2: R(1, 18) },
  // 180
  BGN: { 1: ID(2, 2), 2: AN(1, 30), 3: DT8, 4: TM, 5: ID(2, 2), 6: AN(1, 30), 7: ID(2, 2), 8: ID(1, 2) },
  RDR: { 1: ID(2, 2), 2: ID(2, 2), 3: ID(2, 2), 4: AN(1, 80), 5: ID(1, 1) },
  N9: { 1: ID(2, 3), 2: AN(1, 30), 3: AN(1, 45) },
  BLI: { 1: ID(2, 2), 2: AN(1, 48), 3: R(1, 15), 4: ID(2, 2), 5: ID(3, 3), 6: R(1, 17), 7: ID(2, 2), ...productIdPairs(8, 3) },
  QTY: { 1: ID(2, 2), 2: R(1, 15), 3: ID(2, 2) },
  AMT: { 1: ID(1, 3), 2: R(1, 18) },
};

export class X12WriteError extends Error {}

/** The basic character set of X12.6: upper-case letters, digits, space and these specials. */
const BASIC = /^[A-Z0-9 !"&'()*+,\-./:;?=]$/;

/** Separators and terminators in use: never inside an element. */
export interface Delimiters {
  readonly element: string;
  readonly component: string;
  readonly segment: string;
  readonly repetition?: string;
}

const isDelimiter = (char: string, delimiters: Delimiters) =>
  char === delimiters.element || char === delimiters.component || char === delimiters.segment || char === delimiters.repetition;

/** True when `value` can be written as it is: basic character set, and no delimiter of `delimiters`. */
export function isWritableAsIs(value: string, delimiters: Delimiters): boolean {
  return [...value].every((char) => BASIC.test(char) && !isDelimiter(char, delimiters));
}

/**
 * Free text in the basic character set: accents dropped, letters upper-cased, any other
 * character and every delimiter replaced by a space, runs of spaces made one.
 */
export function toBasicText(value: string, delimiters: Delimiters): string {
  const upper = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
  return [...upper]
    .map((char) => (BASIC.test(char) && !isDelimiter(char, delimiters) ? char : ' '))
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const NUMERIC: Record<'N0' | 'N2' | 'R', RegExp> = { N0: /^-?\d+$/, N2: /^-?\d+$/, R: /^-?\d*\.?\d+$/ };

/**
 * One element as it may be written: AN and ID as basic text cut to their maximum (AN padded to
 * its minimum); dates, times and numbers checked, since cutting a number would change it.
 * Empty stays empty (an optional element left out).
 */
export function writableElement(segmentId: string, position: number, value: string, delimiters: Delimiters): string {
  if (value === '') return value;
  const spec = X12_ELEMENTS[segmentId]?.[position];
  if (!spec) throw new X12WriteError(`${segmentId}${String(position).padStart(2, '0')} is not an element we write`);
  const where = `${segmentId}${String(position).padStart(2, '0')}`;
  switch (spec.type) {
    case 'AN':
    case 'ID': {
      const text = toBasicText(value, delimiters).slice(0, spec.max).trimEnd();
      if (spec.type === 'AN' && !text) return ''; // nothing writable left: the element is left out
      if (spec.type === 'ID' && text.length < spec.min) throw new X12WriteError(`${where} code "${value}" is shorter than ${spec.min}`);
      return text.padEnd(spec.min, ' ');
    }
    case 'DT':
      if (!new RegExp(`^\\d{${spec.min}}$`).test(value)) throw new X12WriteError(`${where} "${value}" is not a date`);
      return value;
    case 'TM':
      if (!/^\d+$/.test(value) || value.length < spec.min || value.length > spec.max) throw new X12WriteError(`${where} "${value}" is not a time`);
      return value;
    case 'N0':
    case 'N2':
    case 'R': {
      const digits = value.replace(/[-.]/g, '').length;
      if (!NUMERIC[spec.type].test(value) || digits > spec.max) throw new X12WriteError(`${where} "${value}" is not a number of at most ${spec.max} digits`);
      return digits < spec.min ? value.padStart(spec.min, '0') : value;
    }
  }
}
