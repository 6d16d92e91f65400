import { Injectable, Logger } from '@nestjs/common';
import { ProcessApiClient, type OrderDto } from '@contracts';
import { AppError, stableHash, UpstreamError, ValidationError } from '@platform';
import type { Partner } from '../../auth/partner.repository.js';
import { ExperienceApisConfig } from '../../experience.config.js';
import { functionalAcknowledgment, ta1Interchange, type SegmentError, type SetAcknowledgment } from '../domain/acknowledgment.builder.js';
import { NotAnInterchangeError, readInterchange, type FunctionalGroup, type InterchangeHeader, type TransactionSet } from '../domain/interchange.reader.js';
import { purchaseOrderAcknowledgment } from '../domain/outbound-documents.builder.js';
import { readAcknowledgments } from '../domain/received-acknowledgment.reader.js';
import { mapPurchaseOrder, type PurchaseOrder } from '../domain/purchase-order.mapper.js';
import { AK3_ERROR, AK4_ERROR, AK5_ERROR, AK9_ERROR, TA1_NOTE, type Ak9Error, type Ta1Note } from '../domain/x12-codes.js';
import { writeInterchange, type EnvelopeParty, type Separators } from '../domain/x12.js';
import { ControlNumberAllocator, UNKNOWN_SENDER_COUNTER } from '../documents/control-number.allocator.js';
import { EdiDocumentStore } from '../documents/edi-document.store.js';
import { TradingPartnerRepository, type TradingPartner } from '../trading-partners/trading-partner.repository.js';
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
    private readonly config: ExperienceApisConfig,
  ) {}

  async receive(client: Partner, raw: string | undefined): Promise<InterchangeAnswer> {
    const candidates = await this.tradingPartners.ofClient(client.partnerId);
    if (!candidates.length) {
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
    const acks: { group: FunctionalGroup; sets: SetAcknowledgment[] }[] = [];
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
      const sets: SetAcknowledgment[] = [];
      for (const set of group.sets) sets.push(await this.acknowledgeSet(partner, set, group.errors.length === 0));
      acks.push({ group, sets });
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
  private async acknowledgeSet(partner: TradingPartner, set: TransactionSet, groupClean: boolean): Promise<SetAcknowledgment> {
    const base = { setId: set.id, controlNumber: set.controlNumber };
    if (set.errors.length) return { ...base, errors: set.errors, segmentErrors: [] };
    if (set.id !== '850') return { ...base, errors: [AK5_ERROR.notSupported], segmentErrors: [] };
    const mapped = mapPurchaseOrder(set, partner);
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
    if (partner.outboundDocuments.includes('855')) {
      await this.documents.run((tx) =>
        this.documents.store(tx, partner.tradingPartnerId, '855', order.orderId, (controlNumber) =>
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
            [{ id: '855', body: purchaseOrderAcknowledgment(order, po.orderDate, po.lines, new Date()) }],
          ),
        ),
      );
    }
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

/** Maps the process layer's refusal of lines (`lines[2].sku`) onto the PO1 segments they came from. */
function lineFaults(error: unknown, po: PurchaseOrder): SegmentError[] | undefined {
  if (!(error instanceof UpstreamError) || error.status >= 500) return undefined;
  if (error.code === 'IDEMPOTENCY.KEY_REUSED') {
    // the PO number was used before for another order: BEG03 is refused
    return [
      {
        segmentId: 'BEG',
        position: 2,
        code: AK3_ERROR.dataElementErrors,
        elements: [{ position: 3, reference: '324', code: AK4_ERROR.invalidCodeValue, value: po.purchaseOrderNumber }],
      },
    ];
  }
  // any refusal naming lines (unknown SKU, unit not sold, no price, one SKU in two units) is answered at those PO1s
  const byLine = new Map<number, SegmentError>();
  for (const field of error.errors ?? []) {
    const match = /^lines\[(\d+)\]\.(sku|uom)/.exec(field.field);
    const line = match ? po.lines[Number(match[1])] : undefined;
    if (!match || !line) continue;
    const element =
      match[2] === 'uom'
        ? { position: 3, reference: '355', code: AK4_ERROR.invalidCodeValue, value: line.uom === 'CS' ? 'CA' : 'EA' }
        : { position: line.skuElement, reference: '234', code: AK4_ERROR.invalidCodeValue, value: line.sentProductId };
    const existing = byLine.get(line.position);
    byLine.set(line.position, {
      segmentId: 'PO1',
      position: line.position,
      loopId: 'PO1',
      code: AK3_ERROR.dataElementErrors,
      elements: [...(existing?.elements ?? []), element],
    });
  }
  return byLine.size ? [...byLine.values()].sort((a, b) => a.position - b.position) : undefined;
}
