import type { ReturnReasonCode, ReturnRefusal } from '@contracts';

/**
 * The X12 code lists the acknowledgments use (ASC X12 004010). Named so a reader of a
 * 997 or TA1 built here can find the meaning without the standard at hand.
 */

/** TA104: interchange acknowledgment code. */
export type Ta1Status = 'A' | 'E' | 'R';

/** TA105: interchange note codes. */
export const TA1_NOTE = {
  noError: '000',
  controlNumberMismatch: '001', // ISA13 and IEA02 differ; the header's number is acknowledged
  standardNotSupported: '002',
  versionNotSupported: '003',
  invalidSegmentTerminator: '004',
  invalidSenderQualifier: '005',
  invalidSenderId: '006',
  invalidReceiverQualifier: '007',
  invalidReceiverId: '008',
  unknownReceiverId: '009',
  invalidAuthorizationQualifier: '010',
  invalidAuthorizationValue: '011',
  invalidSecurityQualifier: '012',
  invalidSecurityValue: '013',
  invalidDate: '014',
  invalidTime: '015',
  invalidStandardsIdentifier: '016',
  invalidVersionId: '017',
  invalidControlNumber: '018',
  invalidAcknowledgmentRequested: '019',
  invalidTestIndicator: '020',
  invalidNumberOfGroups: '021',
  invalidControlStructure: '022',
  prematureEndOfFile: '023',
  invalidContent: '024',
  duplicateControlNumber: '025',
  invalidElementSeparator: '026',
  invalidComponentSeparator: '027',
} as const;
export type Ta1Note = (typeof TA1_NOTE)[keyof typeof TA1_NOTE];

/** AK501 / AK901: acknowledgment codes (P only in AK9). */
export type AckStatus = 'A' | 'E' | 'P' | 'R';

/** AK502: transaction set syntax error codes. */
export const AK5_ERROR = {
  notSupported: '1',
  trailerMissing: '2',
  controlNumberMismatch: '3', // ST02 and SE02 differ
  segmentCountMismatch: '4', // SE01 is not the number of segments, ST and SE included
  segmentsInError: '5',
  invalidSetId: '6',
  invalidControlNumber: '7',
  controlNumberNotUnique: '23',
} as const;
export type Ak5Error = (typeof AK5_ERROR)[keyof typeof AK5_ERROR];

/** AK304: segment syntax error codes. */
export const AK3_ERROR = {
  unrecognizedSegment: '1',
  unexpectedSegment: '2',
  mandatorySegmentMissing: '3',
  loopOverMaximum: '4',
  segmentOverMaximumUse: '5',
  segmentNotInSet: '6',
  segmentOutOfSequence: '7',
  dataElementErrors: '8',
} as const;
export type Ak3Error = (typeof AK3_ERROR)[keyof typeof AK3_ERROR];

/** AK403: data element syntax error codes. */
export const AK4_ERROR = {
  mandatoryMissing: '1',
  conditionalMissing: '2',
  tooManyElements: '3',
  tooShort: '4',
  tooLong: '5',
  invalidCharacter: '6',
  invalidCodeValue: '7',
  invalidDate: '8',
  invalidTime: '9',
  exclusionViolated: '10',
} as const;
export type Ak4Error = (typeof AK4_ERROR)[keyof typeof AK4_ERROR];

/** AK905: functional group syntax error codes. */
export const AK9_ERROR = {
  notSupported: '1',
  versionNotSupported: '2',
  trailerMissing: '3',
  controlNumberMismatch: '4', // GS06 and GE02 differ
  setCountMismatch: '5', // GE01 is not the number of ST sets
  invalidControlNumber: '6',
} as const;
export type Ak9Error = (typeof AK9_ERROR)[keyof typeof AK9_ERROR];

/** ACK01 (855): line item status codes. */
export const LINE_ACK = {
  accepted: 'IA',
  backordered: 'IB',
  rejected: 'IR',
  quantityChanged: 'IQ',
  priceChanged: 'IP',
  changed: 'IC', // accepted with changes: price and quantity
} as const;

/** BAK02 (855): acknowledgment type. */
export const ACK_TYPE = {
  asOrdered: 'AD', // acknowledge with detail, no change
  withChanges: 'AC', // acknowledge with detail and change
  rejected: 'RD', // reject with detail
} as const;

/** RDR01 (180): returns disposition code. */
export const RETURN_DISPOSITION = {
  authorized: 'RA', // return with authorization number
  partiallyAuthorized: 'PA',
  denied: 'RD', // request denied
} as const;

/** RDR02 (180): the returnee's reason for the return, from our reason codes. */
export const RETURN_REQUEST_REASON = {
  DAMAGED: 'DA', // damaged product
  DEFECTIVE: 'DM', // defective merchandise
  WRONG_ITEM: 'WG', // wrong goods or not ordered
  NOT_NEEDED: 'EI', // excess inventory
  ORDERED_IN_ERROR: 'CO', // customer ordering error
} as const satisfies Record<ReturnReasonCode, string>;

/** RDR03 (180): our response to a line we do not (fully) authorize, from the return policy's refusals. */
export const RETURN_RESPONSE_REASON = {
  UNKNOWN_LINE: 'UI', // unidentifiable item
  AMBIGUOUS_SKU: 'UI',
  UNKNOWN_REASON_CODE: 'MI', // more information requested
  ITEM_NOT_RETURNABLE: 'IO', // item as ordered: nothing wrong with what was sold, and it is not taken back
  NOT_SHIPPED: 'NR', // no record of original sale
  OUTSIDE_RETURN_WINDOW: 'RT', // return time limit exceeded
  EXCEEDS_RETURNABLE: 'QD', // quantity difference
} as const satisfies Record<ReturnRefusal, string>;
