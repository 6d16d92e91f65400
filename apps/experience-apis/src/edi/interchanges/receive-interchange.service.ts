import { Injectable, Logger } from '@nestjs/common';
import { ORDER_LIMITS, ProcessApiClient, type OrderDto } from '@contracts';
import { AppError, stableHash, UpstreamError, ValidationError } from '@platform';
import type { Partner } from '../../auth/partner.repository.js';
import { ExperienceApisConfig } from '../../experience.config.js';
import { functionalAcknowledgment, ta1Interchange, type ElementError, type SegmentError, type SetAcknowledgment } from '../domain/acknowledgment.builder.js';
import { NotAnInterchangeError, readInterchange, type FunctionalGroup, type InterchangeHeader, type TransactionSet } from '../domain/interchange.reader.js';
import { purchaseOrderAcknowledgment, type OrderedLine } from '../domain/outbound-documents.builder.js';
import { readAcknowledgments } from '../domain/received-acknowledgment.reader.js';
import { mapPurchaseOrder, type MappedPurchaseOrder, type PurchaseOrder } from '../domain/purchase-order.mapper.js';
import { AK3_ERROR, AK4_ERROR, AK5_ERROR, AK9_ERROR, TA1_NOTE, type Ak3Error, type Ak9Error, type Ta1Note } from '../domain/x12-codes.js';
import { writeInterchange, type EnvelopeParty, type Separators } from '../domain/x12.js';
import { ControlNumberAllocator, UNKNOWN_SENDER_COUNTER } from '../documents/control-number.allocator.js';
import { EdiDocumentStore } from '../documents/edi-document.store.js';
import { TradingPartnerRepository, type TradingPartner } from '../trading-partners/trading-partner.repository.js';
import { EdiPurchaseOrderRepository } from '../orders/edi-purchase-order.repository.js';
import { InterchangeRepository } from './interchange.repository.js';

/** What goes back on the HTTP response: a 997 interchange, or a TA1 when the envelope was refused. */
export interface InterchangeAnswer {
  readonly acknowledgment: '997' | 'TA1';
  /** TA104 or the AK9 statuses: A, E, P or R. */
  readonly status: string;
  readonly body: string;
  /** true: the same interchange was received before; this is its first answer, nothing was placed again. */
  readonly replayed: boolean;
}

const DEFAULT_SEPARATORS: Separators = { element: '*', component: '>', segment: '~' };

/**
 * Receives an X12 interchange from a trading partner: checks the envelope (TA1 when it is
 * refused), acknowledges every functional group in a 997, places each accepted 850 through
 * the process layer (the PO number is the idempotency key) and files an 855 per order.
 * The caller's OAuth client must own the ISA sender id.
 */
@Injectable()
export class ReceiveInterchangeService {
  private readonly logger = new Logger(ReceiveInterchangeService.name);

  constructor(
    private readonly process: ProcessApiClient,
    private readonly tradingPartners: TradingPartnerRepository,
    private readonly interchanges: InterchangeRepository,
    private readonly documents: EdiDocumentStore,
    private readonly controlNumbers: ControlNumberAllocator,
    private readonly purchaseOrders: EdiPurchaseOrderRepository,
    private readonly config: ExperienceApisConfig,
  ) {}

  async receive(client: Partner, raw: string | undefined): Promise<InterchangeAnswer> {
    const candidates = await this.tradingPartners.ofClient(client.partnerId);
    if (!candidates.length) {
      const disabled = await this.tradingPartners.disabledOfClient(client.partnerId);
      if (disabled.length) {
        throw new AppError('EDI.TRADING_PARTNER_DISABLED', 403, 'Forbidden', {
          detail: `Trading partner ${disabled.join(', ')} is disabled: interchanges are refused until an operator enables it again.`,
        });
      }
      throw new AppError('EDI.NOT_A_TRADING_PARTNER', 403, 'Forbidden', { detail: `Client ${client.partnerId} is not set up as an EDI trading partner.` });
    }
    if (typeof raw !== 'string' || !raw.trim()) {
      throw new ValidationError([{ field: 'body', messages: ['an X12 interchange (ISA ... IEA) is required'] }], 'The body is empty.', 'EDI.EMPTY_BODY');
    }
    let read: ReturnType<typeof readInterchange>;
    try {
      read = readInterchange(raw);
    } catch (error) {
      if (error instanceof NotAnInterchangeError) {
        throw new ValidationError([{ field: 'body', messages: [error.message] }], 'The body is not an X12 interchange.', 'EDI.NOT_AN_INTERCHANGE');
      }
      throw error;
    }
    const { header } = read;
    if (!header) {
      throw new ValidationError([{ field: 'ISA', messages: [read.ok ? '' : read.detail] }], 'The ISA segment cannot be read.', 'EDI.NOT_AN_INTERCHANGE');
    }
    const sender = candidates.find((p) => p.isaId === header.senderId && p.isaQualifier === header.senderQualifier);
    if (!read.ok) return this.refuse(header, read.separators, read.note, sender);
    // a sender id of another client is answered like an unknown one: nothing tells the caller it exists
    if (!sender) {
      const note = candidates.some((p) => p.isaId === header.senderId) ? TA1_NOTE.invalidSenderQualifier : TA1_NOTE.invalidSenderId;
      return this.refuse(header, read.separators, note, undefined);
    }
    if (header.receiverQualifier !== sender.ourIsaQualifier) return this.refuse(header, read.separators, TA1_NOTE.invalidReceiverQualifier, sender);
    if (header.receiverId !== sender.ourIsaId) return this.refuse(header, read.separators, TA1_NOTE.invalidReceiverId, sender);

    const claim = await this.interchanges.claim(
      sender.tradingPartnerId,
      header.controlNumber,
      stableHash(raw.trim()),
      this.config.idempotency.inFlightTimeoutMs,
    );
    if (claim.kind === 'replay') {
      // an interchange of only 997s was answered with a TA1 A; everything else with a 997
      const ta1 = !claim.response.includes('AK9');
      return { acknowledgment: ta1 ? 'TA1' : '997', status: ta1 ? 'A' : ak9StatusOf(claim.response), body: claim.response, replayed: true };
    }
    if (claim.kind === 'other-content') return this.refuse(header, read.separators, TA1_NOTE.duplicateControlNumber, sender);
    try {
      const answer = await this.acknowledge(sender, header, read.separators, read.groups);
      await this.interchanges.complete(sender.tradingPartnerId, header.controlNumber, answer.body);
      return answer;
    } catch (error) {
      // not acknowledged: the sender may send it again (orders placed so far are replayed by PO number)
      await this.interchanges.release(sender.tradingPartnerId, header.controlNumber);
      throw error;
    }
  }

  private async acknowledge(
    partner: TradingPartner,
    header: InterchangeHeader,
    separators: Separators,
    groups: readonly FunctionalGroup[],
  ): Promise<InterchangeAnswer> {
    // every set of every group is read and checked before any order is placed: a set the process
    // layer would refuse (too many lines, a quantity over its limit, ...) is answered in the 997
    // like any other fault, never by an HTTP error after other sets were placed
    const checked: { group: FunctionalGroup; sets: { set: TransactionSet; mapped?: MappedPurchaseOrder }[] }[] = [];
    for (const received of groups) {
      // the partner's 997s for our documents: recorded on them, and never acknowledged themselves
      if (received.functionalId === 'FA' && received.errors.length === 0) {
        for (const ack of readAcknowledgments(received)) {
          await this.documents.recordAcknowledgment(partner.tradingPartnerId, ack.groupControlNumber, ack.functionalId, ack.status);
        }
        continue;
      }
      const groupErrors: Ak9Error[] = [...received.errors];
      if (received.functionalId !== 'PO') groupErrors.push(AK9_ERROR.notSupported);
      const group: FunctionalGroup = { ...received, errors: groupErrors };
      checked.push({
        group,
        sets: group.sets.map((set) => ({ set, mapped: set.errors.length === 0 && set.id === '850' ? mapPurchaseOrder(set, partner) : undefined })),
      });
    }
    const acks: { group: FunctionalGroup; sets: SetAcknowledgment[] }[] = [];
    for (const { group, sets } of checked) {
      const answered: SetAcknowledgment[] = [];
      for (const { set, mapped } of sets) answered.push(await this.acknowledgeSet(partner, set, mapped, group.errors.length === 0));
      acks.push({ group, sets: answered });
    }
    if (!acks.length) return this.answerTa1(header, separators, TA1_NOTE.noError, partner);
    const first = acks[0].group;
    const us: EnvelopeParty = { isaQualifier: header.receiverQualifier, isaId: header.receiverId, gsId: first.receiverId || partner.ourGsId };
    const them: EnvelopeParty = { isaQualifier: header.senderQualifier, isaId: header.senderId, gsId: first.senderId || partner.gsId };
    const { document } = await this.documents.run((tx) =>
      this.documents.store(tx, partner.tradingPartnerId, '997', header.controlNumber, (controlNumber) =>
        writeInterchange(
          { sender: us, receiver: them, separators, controlNumber, functionalId: 'FA', usage: partner.usage, at: new Date() },
          acks.map(({ group, sets }) => ({ id: '997', body: functionalAcknowledgment(group, sets) })),
        ),
      ),
    );
    return { acknowledgment: '997', status: ak9StatusOf(document.raw), body: document.raw, replayed: false };
  }

  /** One 850: its envelope faults, its content, then the order; an order is placed only for a clean set of a clean group. */
  private async acknowledgeSet(
    partner: TradingPartner,
    set: TransactionSet,
    mapped: MappedPurchaseOrder | undefined,
    groupClean: boolean,
  ): Promise<SetAcknowledgment> {
    const base = { setId: set.id, controlNumber: set.controlNumber };
    if (set.errors.length) return { ...base, errors: set.errors, segmentErrors: [] };
    if (set.id !== '850' || !mapped) return { ...base, errors: [AK5_ERROR.notSupported], segmentErrors: [] };
    if (!mapped.order) return { ...base, errors: [], segmentErrors: [...mapped.errors] };
    if (!groupClean) return { ...base, errors: [], segmentErrors: [] };
    const segmentErrors = await this.placeOrder(partner, mapped.order);
    return { ...base, errors: [], segmentErrors };
  }

  /** Places the order and files its 855; line faults the process layer finds come back as AK3/AK4. */
  private async placeOrder(partner: TradingPartner, po: PurchaseOrder): Promise<SegmentError[]> {
    let order: OrderDto;
    try {
      ({ order } = await this.process.placeOrder(
        {
          purchaseOrderNumber: po.purchaseOrderNumber,
          shipTo: po.shipTo,
          lines: po.lines.map((line) => ({ lineNumber: line.lineNumber, sku: line.sku, quantity: line.quantity, uom: line.uom })),
          ...(po.requestedShipDate ? { requestedShipDate: po.requestedShipDate } : {}),
          customerId: partner.customerId,
          partnerId: partner.tradingPartnerId,
          channel: 'edi',
        },
        // one order per PO number and trading partner, however often the PO is sent
        po.purchaseOrderNumber,
      ));
    } catch (error) {
      const faults = lineFaults(error, po);
      if (!faults) throw error;
      return faults;
    }
    // the buyer's lines as sent, for the 856 and 810 (PO101, unit, BP), in the 855's transaction
    const ordered: OrderedLine[] = po.lines.map((line) => {
      const placed = order.lines.find((l) => l.lineNumber === line.lineNumber);
      return {
        lineNumber: line.lineNumber,
        assignedId: line.assignedId,
        productIds: line.productIds,
        unit: line.uom === 'CS' ? 'CA' : 'EA',
        quantity: line.quantity,
        ...(line.unitPrice !== undefined ? { unitPrice: line.unitPrice } : {}),
        ...(placed && placed.quantity > 0 ? { eachesPerUnit: placed.baseQuantity / placed.quantity } : {}),
      };
    });
    await this.documents.run(async (tx) => {
      await this.purchaseOrders.save(tx, partner.tradingPartnerId, order.orderId, po.purchaseOrderNumber, ordered);
      if (!partner.outboundDocuments.includes('855')) return;
      await this.documents.store(tx, partner.tradingPartnerId, '855', order.orderId, (controlNumber) =>
        writeInterchange(
          {
            sender: { isaQualifier: partner.ourIsaQualifier, isaId: partner.ourIsaId, gsId: partner.ourGsId },
            receiver: { isaQualifier: partner.isaQualifier, isaId: partner.isaId, gsId: partner.gsId },
            separators: partner.separators,
            controlNumber,
            functionalId: 'PR',
            usage: partner.usage,
            at: new Date(),
          },
          [{ id: '855', body: purchaseOrderAcknowledgment(order, po.orderDate, ordered, new Date()) }],
        ),
      );
    });
    this.logger.log(`EDI PO ${po.purchaseOrderNumber} of ${partner.tradingPartnerId}: order ${order.orderId} ${order.status}`);
    return [];
  }

  private refuse(
    received: InterchangeHeader,
    separators: Separators | undefined,
    note: Ta1Note,
    partner: TradingPartner | undefined,
  ): Promise<InterchangeAnswer> {
    return this.answerTa1(received, separators, note, partner);
  }

  /**
   * A TA1 back to the sender (R with the note, or A 000 for an interchange holding only 997s);
   * numbered on its trading partner's counter, or the shared one for unknown senders.
   */
  private async answerTa1(
    received: InterchangeHeader,
    separators: Separators | undefined,
    note: Ta1Note,
    partner: TradingPartner | undefined,
  ): Promise<InterchangeAnswer> {
    const controlNumber = await this.documents.run((tx) => this.controlNumbers.next(tx, partner?.tradingPartnerId ?? UNKNOWN_SENDER_COUNTER));
    const body = ta1Interchange({
      received,
      sender: { isaQualifier: received.receiverQualifier || 'ZZ', isaId: received.receiverId || partner?.ourIsaId || 'UNKNOWN', gsId: '' },
      receiver: { isaQualifier: received.senderQualifier || 'ZZ', isaId: received.senderId || 'UNKNOWN', gsId: '' },
      separators: usable(separators) ?? partner?.separators ?? DEFAULT_SEPARATORS,
      controlNumber,
      note,
      usage: received.usage === 'P' ? 'P' : 'T',
      at: new Date(),
    });
    if (note === TA1_NOTE.noError) return { acknowledgment: 'TA1', status: 'A', body, replayed: false };
    this.logger.warn(`EDI interchange ${received.controlNumber} from ${received.senderQualifier}/${received.senderId} refused: TA1 ${note}`);
    return { acknowledgment: 'TA1', status: 'R', body, replayed: false };
  }
}

/** The sender's separators when they can be written back safely (one character each, distinct). */
function usable(separators: Separators | undefined): Separators | undefined {
  if (!separators) return undefined;
  const chars = [separators.element, separators.component, separators.segment];
  return chars.every((c) => c?.length === 1 && !/[A-Za-z0-9 ]/.test(c)) && new Set(chars).size === 3 ? separators : undefined;
}

function ak9StatusOf(response: string): string {
  return /AK9.(.)/.exec(response)?.[1] ?? 'A';
}

/** Where a field the process layer refuses came from in the 850: segment, loop and element (position, reference). */
const SHIP_TO_ELEMENTS: Record<string, [segment: 'N1' | 'N3' | 'N4', position: number, reference: string]> = {
  name: ['N1', 2, '93'],
  line1: ['N3', 1, '166'],
  city: ['N4', 1, '19'],
  region: ['N4', 2, '156'],
  postalCode: ['N4', 3, '116'],
  country: ['N4', 4, '26'],
};

/**
 * Maps the process layer's refusal of an order (400/422 naming fields such as `lines[2].sku` or
 * `shipTo.name`) onto the segments and elements they came from, so the set is rejected in the
 * 997 (AK3/AK4, AK5 R) instead of failing the whole interchange. Undefined for anything else
 * (5xx, an outage, 409 in flight): the interchange is then not acknowledged and may be sent again.
 */
function lineFaults(error: unknown, po: PurchaseOrder): SegmentError[] | undefined {
  if (!(error instanceof UpstreamError) || (error.status !== 400 && error.status !== 422)) return undefined;
  if (error.code === 'IDEMPOTENCY.KEY_REUSED') {
    // the PO number was used before for another order: BEG03 is refused
    return [
      {
        segmentId: 'BEG',
        position: po.positions.BEG,
        code: AK3_ERROR.dataElementErrors,
        elements: [{ position: 3, reference: '324', code: AK4_ERROR.invalidCodeValue, value: po.purchaseOrderNumber }],
      },
    ];
  }
  const bySegment = new Map<number, SegmentError>();
  const add = (
    segmentId: string,
    position: number,
    loopId: string | undefined,
    fault: ElementError | undefined,
    code: Ak3Error = AK3_ERROR.dataElementErrors,
  ) => {
    const existing = bySegment.get(position);
    const elements = [...(existing?.elements ?? []), ...(fault && !existing?.elements.some((e) => e.position === fault.position) ? [fault] : [])];
    bySegment.set(position, { segmentId, position, ...(loopId ? { loopId } : {}), code: existing?.code ?? code, elements });
  };
  for (const field of error.errors ?? []) {
    const line = /^lines\[(\d+)\]\.(\w+)/.exec(field.field);
    const shipTo = /^shipTo\.(\w+)/.exec(field.field);
    if (line) {
      const sent = po.lines[Number(line[1])];
      if (!sent) continue;
      const fault: ElementError =
        line[2] === 'uom'
          ? { position: 3, reference: '355', code: AK4_ERROR.invalidCodeValue, value: sent.uom === 'CS' ? 'CA' : 'EA' }
          : line[2] === 'quantity'
            ? { position: 2, reference: '330', code: AK4_ERROR.invalidCodeValue, value: String(sent.quantity) }
            : line[2] === 'lineNumber'
              ? { position: 1, reference: '350', code: AK4_ERROR.invalidCodeValue, value: sent.assignedId }
              : { position: sent.skuElement, reference: '234', code: AK4_ERROR.invalidCodeValue, value: sent.sentProductId };
      add('PO1', sent.position, 'PO1', fault);
    } else if (shipTo && SHIP_TO_ELEMENTS[shipTo[1]] && po.positions[SHIP_TO_ELEMENTS[shipTo[1]][0]]) {
      const [segmentId, position, reference] = SHIP_TO_ELEMENTS[shipTo[1]];
      add(segmentId, po.positions[segmentId], 'N1', { position, reference, code: AK4_ERROR.invalidCodeValue });
    } else if (field.field === 'lines') {
      // the number of lines (the mapper checks the same limit first; this is the backstop)
      const over = po.lines[ORDER_LIMITS.maxLines] ?? po.lines[0];
      add('PO1', over.position, 'PO1', undefined, AK3_ERROR.loopOverMaximum);
    } else if (field.field === 'purchaseOrderNumber') {
      add('BEG', po.positions.BEG, undefined, { position: 3, reference: '324', code: AK4_ERROR.invalidCodeValue, value: po.purchaseOrderNumber });
    } else if (field.field === 'requestedShipDate' && po.positions.DTM) {
      add('DTM', po.positions.DTM, undefined, { position: 2, reference: '373', code: AK4_ERROR.invalidDate });
    }
  }
  // a refusal naming nothing we can point at is still this set's fault: answered at its BEG
  if (!bySegment.size) add('BEG', po.positions.BEG, undefined, undefined);
  return [...bySegment.values()].sort((a, b) => a.position - b.position);
}
