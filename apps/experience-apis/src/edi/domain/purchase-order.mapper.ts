import { ORDER_LIMITS } from '@contracts';
import type { ElementError, SegmentError } from './acknowledgment.builder.js';
import type { TransactionSet } from './interchange.reader.js';
import { AK3_ERROR, AK4_ERROR, type Ak3Error } from './x12-codes.js';
import { isWritableAsIs, type Delimiters } from './x12-elements.js';
import { element, segmentId, x12ToIsoDate, type Segment } from './x12.js';

/** A product id of a PO1 line: qualifier (PO106, PO108, ...) and value (PO107, PO109, ...). */
export interface ProductId {
  readonly qualifier: string;
  readonly value: string;
}

export interface PurchaseOrderLine {
  readonly lineNumber: number;
  /** PO101 as sent, echoed in the 855. */
  readonly assignedId: string;
  readonly sku: string;
  readonly quantity: number;
  readonly uom: 'EA' | 'CS';
  readonly unitPrice?: number;
  readonly productIds: readonly ProductId[];
  /** Where the line sits in the set (ST = 1), for the 997. */
  readonly position: number;
  /** The element that named the SKU (PO107, PO109, ...) and its value as sent. */
  readonly skuElement: number;
  readonly sentProductId: string;
}

export interface PurchaseOrder {
  readonly purchaseOrderNumber: string;
  /** BEG05, CCYY-MM-DD. */
  readonly orderDate: string;
  readonly requestedShipDate?: string;
  readonly shipTo: { name: string; line1: string; city: string; region: string; postalCode: string; country: string };
  readonly lines: readonly PurchaseOrderLine[];
  /** Where BEG, the ship-to N1/N3/N4 and the DTM used sit in the set (ST = 1): a later refusal of their values is answered there. */
  readonly positions: { readonly BEG: number; readonly N1: number; readonly N3: number; readonly N4: number; readonly DTM?: number };
}

export interface MappedPurchaseOrder {
  /** Undefined when the set has errors: nothing is ordered from it. */
  readonly order?: PurchaseOrder;
  readonly errors: readonly SegmentError[];
}

/** Our part numbers: VP (vendor's part number) is the SKU; BP (buyer's) through the partner's cross-reference. */
export interface PartNumberRules {
  readonly buyerPartNumbers: Readonly<Record<string, string>>;
  /** The separators of the documents we send this partner: an id we echo must not hold one. */
  readonly separators?: Delimiters;
}

const DEFAULT_DELIMITERS: Delimiters = { element: '*', component: '>', segment: '~' };

/** The most each ship-to element may hold (N102, N301, N401..N404 in 004010). */
const SHIP_TO_MAX = { name: 60, line1: 55, city: 30, region: 2, postalCode: 15, country: 3 } as const;

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

/**
 * Maps an 850 (004010) to an order: BEG (purpose, type, PO number, date), DTM 010/002
 * (requested ship / delivery date), N1/N3/N4 with N101 = ST (ship-to), PO1 (quantity, unit
 * EA/CA, price, product ids) and CTT (line count). Every fault is reported with its segment
 * position and element, as the 997's AK3/AK4 need them.
 */
export function mapPurchaseOrder(set: TransactionSet, rules: PartNumberRules): MappedPurchaseOrder {
  const delimiters = rules.separators ?? DEFAULT_DELIMITERS;
  /**
   * What we echo unchanged in the 855/856/810 (PO number, PO101, product ids) must already be
   * writable there: basic character set, none of the separators we send this partner with.
   * Free text (names, addresses) is converted on output instead.
   */
  const idFault = (value: string, position: number, reference: string, max: number): ElementError | undefined => {
    if (value.length > max) return { position, reference, code: AK4_ERROR.tooLong, value };
    if (!isWritableAsIs(value, delimiters)) return { position, reference, code: AK4_ERROR.invalidCharacter, value };
    return undefined;
  };
  const errors: SegmentError[] = [];
  const fault = (seg: Segment, position: number, elements: ElementError[], code: Ak3Error = AK3_ERROR.dataElementErrors, loopId?: string) =>
    errors.push({ segmentId: segmentId(seg), position, loopId, code, elements });
  const missing = (id: string, position: number, loopId?: string) =>
    errors.push({ segmentId: id, position, loopId, code: AK3_ERROR.mandatorySegmentMissing, elements: [] });

  const body = set.segments.slice(1, set.segments.length - (segmentId(set.segments.at(-1)!) === 'SE' ? 1 : 0));
  const positioned = body.map((seg, index) => ({ seg, position: index + 2 }));

  for (const { seg, position } of positioned) {
    if (!SEGMENT_ID.test(segmentId(seg))) fault(seg, position, [], AK3_ERROR.unrecognizedSegment);
  }

  // BEG
  const beg = positioned.find((p) => segmentId(p.seg) === 'BEG');
  let purchaseOrderNumber = '';
  let orderDate = '';
  if (!beg) missing('BEG', 2);
  else {
    const bad: ElementError[] = [];
    if (!['00', '07'].includes(element(beg.seg, 1))) bad.push({ position: 1, reference: '353', code: AK4_ERROR.invalidCodeValue, value: element(beg.seg, 1) });
    purchaseOrderNumber = element(beg.seg, 3);
    if (!purchaseOrderNumber) bad.push({ position: 3, reference: '324', code: AK4_ERROR.mandatoryMissing });
    else {
      const fault = idFault(purchaseOrderNumber, 3, '324', 22);
      if (fault) bad.push(fault);
    }
    const date = x12ToIsoDate(element(beg.seg, 5));
    if (!element(beg.seg, 5)) bad.push({ position: 5, reference: '373', code: AK4_ERROR.mandatoryMissing });
    else if (!date) bad.push({ position: 5, reference: '373', code: AK4_ERROR.invalidDate, value: element(beg.seg, 5) });
    orderDate = date ?? '';
    if (bad.length) fault(beg.seg, beg.position, bad);
  }

  // DTM: 010 requested ship, else 002 delivery requested
  let requestedShipDate: string | undefined;
  let dtmPosition: number | undefined;
  for (const { seg, position } of positioned.filter((p) => segmentId(p.seg) === 'DTM')) {
    const date = x12ToIsoDate(element(seg, 2));
    if (!date)
      fault(seg, position, [
        { position: 2, reference: '373', code: element(seg, 2) ? AK4_ERROR.invalidDate : AK4_ERROR.mandatoryMissing, value: element(seg, 2) || undefined },
      ]);
    else if (element(seg, 1) === '010' || (element(seg, 1) === '002' && !requestedShipDate)) {
      requestedShipDate = date;
      dtmPosition = position;
    }
  }

  // N1 loop with N101 = ST
  const n1Index = positioned.findIndex((p) => segmentId(p.seg) === 'N1' && element(p.seg, 1) === 'ST');
  const firstPo1 = positioned.findIndex((p) => segmentId(p.seg) === 'PO1');
  const shipTo = { name: '', line1: '', city: '', region: '', postalCode: '', country: 'US' };
  const positions = { BEG: beg?.position ?? 2, N1: 0, N3: 0, N4: 0 };
  if (n1Index < 0) missing('N1', positioned[firstPo1]?.position ?? positioned.length + 2, 'N1');
  else {
    const n1 = positioned[n1Index];
    positions.N1 = n1.position;
    shipTo.name = element(n1.seg, 2);
    if (!shipTo.name) fault(n1.seg, n1.position, [{ position: 2, reference: '93', code: AK4_ERROR.mandatoryMissing }], AK3_ERROR.dataElementErrors, 'N1');
    else if (shipTo.name.length > SHIP_TO_MAX.name)
      fault(n1.seg, n1.position, [{ position: 2, reference: '93', code: AK4_ERROR.tooLong, value: shipTo.name }], AK3_ERROR.dataElementErrors, 'N1');
    const loop: typeof positioned = [];
    for (const p of positioned.slice(n1Index + 1)) {
      if (segmentId(p.seg) === 'N1' || segmentId(p.seg) === 'PO1') break;
      loop.push(p);
    }
    const n3 = loop.find((p) => segmentId(p.seg) === 'N3');
    const n4 = loop.find((p) => segmentId(p.seg) === 'N4');
    positions.N3 = n3?.position ?? 0;
    positions.N4 = n4?.position ?? 0;
    if (!n3) missing('N3', n1.position + 1, 'N1');
    else {
      shipTo.line1 = element(n3.seg, 1);
      if (!shipTo.line1) fault(n3.seg, n3.position, [{ position: 1, reference: '166', code: AK4_ERROR.mandatoryMissing }], AK3_ERROR.dataElementErrors, 'N1');
      else if (shipTo.line1.length > SHIP_TO_MAX.line1)
        fault(n3.seg, n3.position, [{ position: 1, reference: '166', code: AK4_ERROR.tooLong, value: shipTo.line1 }], AK3_ERROR.dataElementErrors, 'N1');
    }
    if (!n4) missing('N4', (n3?.position ?? n1.position) + 1, 'N1');
    else {
      const bad: ElementError[] = [];
      [shipTo.city, shipTo.region, shipTo.postalCode] = [element(n4.seg, 1), element(n4.seg, 2), element(n4.seg, 3)];
      shipTo.country = element(n4.seg, 4) || 'US';
      if (!shipTo.city) bad.push({ position: 1, reference: '19', code: AK4_ERROR.mandatoryMissing });
      if (!shipTo.region) bad.push({ position: 2, reference: '156', code: AK4_ERROR.mandatoryMissing });
      if (!shipTo.postalCode) bad.push({ position: 3, reference: '116', code: AK4_ERROR.mandatoryMissing });
      const sizes: [string, number, string, number][] = [
        [shipTo.city, 1, '19', SHIP_TO_MAX.city],
        [shipTo.region, 2, '156', SHIP_TO_MAX.region],
        [shipTo.postalCode, 3, '116', SHIP_TO_MAX.postalCode],
        [element(n4.seg, 4), 4, '26', SHIP_TO_MAX.country],
      ];
      for (const [value, position, reference, max] of sizes) {
        if (value.length > max) bad.push({ position, reference, code: AK4_ERROR.tooLong, value });
      }
      if (bad.length) fault(n4.seg, n4.position, bad, AK3_ERROR.dataElementErrors, 'N1');
    }
  }

  // PO1 lines
  const lines: PurchaseOrderLine[] = [];
  const po1s = positioned.filter((p) => segmentId(p.seg) === 'PO1');
  if (!po1s.length) missing('PO1', positioned.length + 2, 'PO1');
  // an order holds at most ORDER_LIMITS.maxLines lines: the first PO1 over it is refused (loop over maximum), the set with it
  if (po1s.length > ORDER_LIMITS.maxLines) {
    const over = po1s[ORDER_LIMITS.maxLines];
    errors.push({ segmentId: 'PO1', position: over.position, loopId: 'PO1', code: AK3_ERROR.loopOverMaximum, elements: [] });
  }
  const seenLineNumbers = new Set<number>();
  po1s.forEach(({ seg, position }, index) => {
    const bad: ElementError[] = [];
    const assignedId = element(seg, 1);
    const lineNumber = /^\d{1,6}$/.test(assignedId) && Number(assignedId) > 0 ? Number(assignedId) : index + 1;
    const assignedFault = assignedId ? idFault(assignedId, 1, '350', 20) : undefined;
    if (assignedFault) bad.push(assignedFault);
    if (seenLineNumbers.has(lineNumber)) bad.push({ position: 1, reference: '350', code: AK4_ERROR.invalidCodeValue, value: assignedId });
    seenLineNumbers.add(lineNumber);
    const quantityText = element(seg, 2);
    if (!quantityText) bad.push({ position: 2, reference: '330', code: AK4_ERROR.mandatoryMissing });
    else if (!/^\d{1,7}$/.test(quantityText) || Number(quantityText) < 1)
      bad.push({ position: 2, reference: '330', code: AK4_ERROR.invalidCharacter, value: quantityText });
    else if (Number(quantityText) > ORDER_LIMITS.maxQuantity)
      bad.push({ position: 2, reference: '330', code: AK4_ERROR.invalidCodeValue, value: quantityText });
    const unit = element(seg, 3);
    if (!unit) bad.push({ position: 3, reference: '355', code: AK4_ERROR.mandatoryMissing });
    else if (unit !== 'EA' && unit !== 'CA') bad.push({ position: 3, reference: '355', code: AK4_ERROR.invalidCodeValue, value: unit });
    const priceText = element(seg, 4);
    if (priceText && !/^\d+(\.\d+)?$/.test(priceText)) bad.push({ position: 4, reference: '212', code: AK4_ERROR.invalidCharacter, value: priceText });

    const productIds: (ProductId & { position: number })[] = [];
    for (let p = 6; p < seg.elements.length; p += 2) {
      if (element(seg, p) || element(seg, p + 1)) productIds.push({ qualifier: element(seg, p), value: element(seg, p + 1), position: p + 1 });
    }
    for (const id of productIds) {
      const idBad = id.value ? idFault(id.value, id.position, '234', 48) : undefined;
      if (idBad) bad.push(idBad);
    }
    const vendorPart = productIds.find((id) => id.qualifier === 'VP');
    const buyerPart = productIds.find((id) => id.qualifier === 'BP');
    let sku = '';
    let skuElement = 7;
    if (vendorPart) {
      sku = vendorPart.value;
      skuElement = vendorPart.position;
      if (!sku) bad.push({ position: vendorPart.position, reference: '234', code: AK4_ERROR.mandatoryMissing });
    } else if (buyerPart) {
      skuElement = buyerPart.position;
      sku = rules.buyerPartNumbers[buyerPart.value] ?? '';
      // a buyer part number we have no cross-reference for names no item of ours
      if (!sku) bad.push({ position: buyerPart.position, reference: '234', code: AK4_ERROR.invalidCodeValue, value: buyerPart.value });
    } else {
      bad.push({
        position: 6,
        reference: '235',
        code: productIds.length ? AK4_ERROR.invalidCodeValue : AK4_ERROR.mandatoryMissing,
        value: productIds[0]?.qualifier,
      });
    }
    if (bad.length) fault(seg, position, bad, AK3_ERROR.dataElementErrors, 'PO1');
    else
      lines.push({
        lineNumber,
        assignedId,
        sku,
        quantity: Number(quantityText),
        uom: unit === 'CA' ? 'CS' : 'EA',
        unitPrice: priceText ? Number(priceText) : undefined,
        productIds: productIds.map(({ qualifier, value }) => ({ qualifier, value })),
        position,
        skuElement,
        sentProductId: (vendorPart ?? buyerPart)!.value,
      });
  });

  // CTT01: the number of PO1 lines, a check the sender's translator made
  const ctt = positioned.find((p) => segmentId(p.seg) === 'CTT');
  if (ctt && element(ctt.seg, 1) !== String(po1s.length))
    fault(
      ctt.seg,
      ctt.position,
      [{ position: 1, reference: '354', code: AK4_ERROR.invalidCodeValue, value: element(ctt.seg, 1) }],
      AK3_ERROR.dataElementErrors,
      'CTT',
    );

  errors.sort((a, b) => a.position - b.position);
  if (errors.length) return { errors };
  return {
    order: { purchaseOrderNumber, orderDate, requestedShipDate, shipTo, lines, positions: { ...positions, ...(dtmPosition ? { DTM: dtmPosition } : {}) } },
    errors,
  };
}
