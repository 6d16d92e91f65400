import { AK5_ERROR, AK9_ERROR, TA1_NOTE, type Ak5Error, type Ak9Error, type Ta1Note } from './x12-codes.js';
import { ISA_LENGTH, ISA_WIDTHS, X12_VERSION, element, segmentId, type Segment, type Separators } from './x12.js';

/** The ISA fields a TA1 and the partner lookup need; ids as sent, trimmed. */
export interface InterchangeHeader {
  readonly senderQualifier: string;
  readonly senderId: string;
  readonly receiverQualifier: string;
  readonly receiverId: string;
  readonly date: string;
  readonly time: string;
  /** ISA13 as its nine digits (a TA1 echoes them as sent). */
  readonly controlNumber: string;
  readonly usage: string;
}

export interface TransactionSet {
  readonly id: string;
  readonly controlNumber: string;
  /** ST through SE (or up to where the set ended when SE is missing). */
  readonly segments: readonly Segment[];
  readonly errors: readonly Ak5Error[];
}

export interface FunctionalGroup {
  readonly functionalId: string;
  readonly senderId: string;
  readonly receiverId: string;
  readonly controlNumber: string;
  /** GE01 as sent (the number of sets the sender says it included); undefined without GE. */
  readonly declaredSets?: number;
  readonly sets: readonly TransactionSet[];
  readonly errors: readonly Ak9Error[];
}

export interface ReadInterchange {
  readonly ok: true;
  readonly header: InterchangeHeader;
  readonly separators: Separators;
  readonly groups: readonly FunctionalGroup[];
}

/** The interchange is rejected as a whole: answered by a TA1 with this note. */
export interface RejectedInterchange {
  readonly ok: false;
  /** Undefined when not even the ISA could be read (no TA1 can be addressed). */
  readonly header?: InterchangeHeader;
  readonly separators?: Separators;
  readonly note: Ta1Note;
  readonly detail: string;
}

/** TA105 for a wrong ISA field, by field (ISA01..ISA16). */
const ISA_FIELD_NOTES: readonly Ta1Note[] = [
  TA1_NOTE.invalidAuthorizationQualifier,
  TA1_NOTE.invalidAuthorizationValue,
  TA1_NOTE.invalidSecurityQualifier,
  TA1_NOTE.invalidSecurityValue,
  TA1_NOTE.invalidSenderQualifier,
  TA1_NOTE.invalidSenderId,
  TA1_NOTE.invalidReceiverQualifier,
  TA1_NOTE.invalidReceiverId,
  TA1_NOTE.invalidDate,
  TA1_NOTE.invalidTime,
  TA1_NOTE.invalidStandardsIdentifier,
  TA1_NOTE.invalidVersionId,
  TA1_NOTE.invalidControlNumber,
  TA1_NOTE.invalidAcknowledgmentRequested,
  TA1_NOTE.invalidTestIndicator,
  TA1_NOTE.invalidComponentSeparator,
];

const isAlphanumeric = (char: string | undefined) => char !== undefined && /^[A-Za-z0-9 ]$/.test(char);

export class NotAnInterchangeError extends Error {}

/**
 * Reads and checks an X12 interchange's envelope (ISA/IEA, GS/GE, ST/SE): separators from
 * the ISA (element = 4th character, component = ISA16, segment terminator = the character
 * after ISA16), fixed ISA widths, counts and control numbers. Interchange-level faults come
 * back as a TA1 note; group- and set-level faults are kept on the group/set for the 997.
 * Throws NotAnInterchangeError when the text does not even start with an ISA.
 */
export function readInterchange(raw: string): ReadInterchange | RejectedInterchange {
  const text = raw.replace(/^\uFEFF/, '').trimStart();
  if (!text.startsWith('ISA') || text.length < 4) throw new NotAnInterchangeError('An X12 interchange starts with an ISA segment.');
  const elementSeparator = text[3];

  // the ISA's 16 fields, found by the element separator so a wrong width can be named
  const starts: number[] = [];
  for (let index = 3; starts.length < 16;) {
    const next = text.indexOf(elementSeparator, index);
    if (next < 0) break;
    starts.push(next + 1);
    index = next + 1;
  }
  const fields = starts.map((start, i) => (i < 15 ? text.slice(start, starts[i + 1] - 1) : text.charAt(start)));
  const header = fields.length >= 13 ? headerOf(fields) : undefined;
  const reject = (note: Ta1Note, detail: string, separators?: Separators): RejectedInterchange => ({ ok: false, header, separators, note, detail });

  if (isAlphanumeric(elementSeparator))
    return reject(TA1_NOTE.invalidElementSeparator, 'The element separator (the 4th character) must not be a letter, digit or space.');
  if (fields.length < 16) return reject(TA1_NOTE.invalidControlStructure, `The ISA has ${fields.length} elements; it needs 16.`);
  const component = fields[15];
  const terminator = text.charAt(starts[15] + 1);
  const separators: Separators = { element: elementSeparator, component, segment: terminator };

  for (let i = 0; i < 15; i++) {
    if (fields[i].length !== ISA_WIDTHS[i]) {
      return reject(
        ISA_FIELD_NOTES[i],
        `ISA${String(i + 1).padStart(2, '0')} is ${fields[i].length} characters wide; it must be ${ISA_WIDTHS[i]} (the ISA is fixed width, ${ISA_LENGTH} characters).`,
        separators,
      );
    }
  }
  if (!component || isAlphanumeric(component) || component === elementSeparator)
    return reject(TA1_NOTE.invalidComponentSeparator, 'ISA16, the component separator, is missing or not a delimiter character.', separators);
  if (!terminator || isAlphanumeric(terminator) || terminator === elementSeparator || terminator === component)
    return reject(TA1_NOTE.invalidSegmentTerminator, 'The character after ISA16 must be the segment terminator.', separators);

  const fieldFault = checkIsaValues(fields);
  if (fieldFault) return reject(fieldFault.note, fieldFault.detail, separators);
  const withRepetition: Separators = fields[11] >= '00402' ? { ...separators, repetition: fields[10] } : separators;

  const segments = text
    .slice(ISA_LENGTH)
    .split(terminator)
    .map((piece) => piece.replace(/^[\r\n]+/, ''))
    .filter((piece, index, all) => piece !== '' || index < all.length - 1)
    .map((piece): Segment => ({ elements: piece.split(elementSeparator) }));
  const iea = segments.at(-1);
  if (!iea || segmentId(iea) !== 'IEA') return reject(TA1_NOTE.prematureEndOfFile, 'The interchange does not end with an IEA segment.', withRepetition);

  const structure = readGroups(segments.slice(0, -1));
  if ('note' in structure) return reject(structure.note, structure.detail, withRepetition);
  if (element(iea, 2) !== fields[12])
    return reject(TA1_NOTE.controlNumberMismatch, `IEA02 (${element(iea, 2)}) does not match ISA13 (${fields[12]}).`, withRepetition);
  if (!/^\d{1,5}$/.test(element(iea, 1)) || Number(element(iea, 1)) !== structure.groups.length)
    return reject(
      TA1_NOTE.invalidNumberOfGroups,
      `IEA01 (${element(iea, 1)}) is not the number of functional groups (${structure.groups.length}).`,
      withRepetition,
    );
  return { ok: true, header: header!, separators: withRepetition, groups: structure.groups };
}

function headerOf(fields: readonly string[]): InterchangeHeader {
  return {
    senderQualifier: fields[4].trim(),
    senderId: fields[5].trim(),
    receiverQualifier: fields[6].trim(),
    receiverId: fields[7].trim(),
    date: fields[8],
    time: fields[9],
    controlNumber: fields[12],
    usage: fields[14] ?? '',
  };
}

function checkIsaValues(fields: readonly string[]): { note: Ta1Note; detail: string } | undefined {
  const checks: [boolean, Ta1Note, string][] = [
    [/^\d\d$/.test(fields[0]), TA1_NOTE.invalidAuthorizationQualifier, 'ISA01 must be a two-digit qualifier.'],
    [/^\d\d$/.test(fields[2]), TA1_NOTE.invalidSecurityQualifier, 'ISA03 must be a two-digit qualifier.'],
    [/^[0-9A-Z]{2}$/.test(fields[4]), TA1_NOTE.invalidSenderQualifier, 'ISA05 is not an interchange id qualifier.'],
    [fields[5].trim() !== '', TA1_NOTE.invalidSenderId, 'ISA06, the sender id, is empty.'],
    [/^[0-9A-Z]{2}$/.test(fields[6]), TA1_NOTE.invalidReceiverQualifier, 'ISA07 is not an interchange id qualifier.'],
    [fields[7].trim() !== '', TA1_NOTE.invalidReceiverId, 'ISA08, the receiver id, is empty.'],
    [validYymmdd(fields[8]), TA1_NOTE.invalidDate, `ISA09 (${fields[8]}) is not a YYMMDD date.`],
    [/^([01]\d|2[0-3])[0-5]\d$/.test(fields[9]), TA1_NOTE.invalidTime, `ISA10 (${fields[9]}) is not an HHMM time.`],
    [/^\d{5}$/.test(fields[11]), TA1_NOTE.invalidVersionId, `ISA12 (${fields[11]}) is not a version number.`],
    [fields[11] === X12_VERSION, TA1_NOTE.versionNotSupported, `Only version ${X12_VERSION} is supported; ISA12 is ${fields[11]}.`],
    // in 00401 ISA11 is the standards identifier: U
    [fields[10] === 'U', TA1_NOTE.invalidStandardsIdentifier, `ISA11 must be U in version ${X12_VERSION}.`],
    [/^\d{9}$/.test(fields[12]), TA1_NOTE.invalidControlNumber, `ISA13 (${fields[12]}) must be nine digits.`],
    [/^[01]$/.test(fields[13]), TA1_NOTE.invalidAcknowledgmentRequested, 'ISA14 must be 0 or 1.'],
    [/^[PT]$/.test(fields[14]), TA1_NOTE.invalidTestIndicator, 'ISA15 must be P or T.'],
  ];
  const failed = checks.find(([ok]) => !ok);
  return failed ? { note: failed[1], detail: failed[2] } : undefined;
}

function validYymmdd(value: string): boolean {
  if (!/^\d{6}$/.test(value)) return false;
  const iso = `20${value.slice(0, 2)}-${value.slice(2, 4)}-${value.slice(4, 6)}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso;
}

interface OpenGroup {
  gs: Segment;
  sets: TransactionSet[];
  errors: Ak9Error[];
  declaredSets?: number;
}

interface OpenSet {
  segments: Segment[];
}

/** Groups and sets between ISA and IEA; a segment outside any set is an invalid interchange. */
function readGroups(segments: readonly Segment[]): { groups: FunctionalGroup[] } | { note: Ta1Note; detail: string } {
  const groups: FunctionalGroup[] = [];
  let group: OpenGroup | undefined;
  let set: OpenSet | undefined;

  const closeSet = (se?: Segment) => {
    if (!group || !set) return;
    const st = set.segments[0];
    const controlNumber = element(st, 2);
    const errors: Ak5Error[] = [];
    const segmentsOfSet = se ? [...set.segments, se] : set.segments;
    if (!/^\d{3}$/.test(element(st, 1))) errors.push(AK5_ERROR.invalidSetId);
    if (!/^[0-9A-Za-z]{4,9}$/.test(controlNumber)) errors.push(AK5_ERROR.invalidControlNumber);
    else if (group.sets.some((s) => s.controlNumber === controlNumber)) errors.push(AK5_ERROR.controlNumberNotUnique);
    if (!se) errors.push(AK5_ERROR.trailerMissing);
    else {
      if (element(se, 1) !== String(segmentsOfSet.length)) errors.push(AK5_ERROR.segmentCountMismatch);
      if (element(se, 2) !== controlNumber) errors.push(AK5_ERROR.controlNumberMismatch);
    }
    group.sets.push({ id: element(st, 1), controlNumber, segments: segmentsOfSet, errors });
    set = undefined;
  };
  const closeGroup = (ge?: Segment) => {
    if (!group) return;
    closeSet();
    const controlNumber = element(group.gs, 6);
    const errors = [...group.errors];
    if (!/^\d{1,9}$/.test(controlNumber)) errors.push(AK9_ERROR.invalidControlNumber);
    if (!ge) errors.push(AK9_ERROR.trailerMissing);
    else {
      if (element(ge, 1) !== String(group.sets.length)) errors.push(AK9_ERROR.setCountMismatch);
      if (element(ge, 2) !== controlNumber) errors.push(AK9_ERROR.controlNumberMismatch);
    }
    const declared = ge && /^\d+$/.test(element(ge, 1)) ? Number(element(ge, 1)) : undefined;
    groups.push({
      functionalId: element(group.gs, 1),
      senderId: element(group.gs, 2),
      receiverId: element(group.gs, 3),
      controlNumber,
      declaredSets: declared,
      sets: group.sets,
      errors,
    });
    group = undefined;
  };

  for (const seg of segments) {
    switch (segmentId(seg)) {
      case 'ISA':
      case 'IEA':
        return { note: TA1_NOTE.invalidControlStructure, detail: `An ${segmentId(seg)} segment inside the interchange.` };
      case 'GS':
        closeGroup();
        group = { gs: seg, sets: [], errors: [] };
        break;
      case 'GE':
        if (!group) return { note: TA1_NOTE.invalidContent, detail: 'A GE segment without its GS.' };
        closeGroup(seg);
        break;
      case 'ST':
        if (!group) return { note: TA1_NOTE.invalidContent, detail: 'A transaction set outside a functional group (GS missing).' };
        closeSet();
        set = { segments: [seg] };
        break;
      case 'SE':
        if (!set) return { note: TA1_NOTE.invalidContent, detail: 'An SE segment without its ST.' };
        closeSet(seg);
        break;
      default:
        if (!set) return { note: TA1_NOTE.invalidContent, detail: `Segment ${segmentId(seg) || '(empty)'} outside a transaction set.` };
        set.segments.push(seg);
    }
  }
  closeGroup();
  if (!groups.length) return { note: TA1_NOTE.invalidContent, detail: 'The interchange holds no functional group.' };
  return { groups };
}
