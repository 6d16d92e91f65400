import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, Database, NotFoundError, UnprocessableError, ValidationError } from '@platform';
import { ClientOnboardingService } from '../../auth/clients/client-onboarding.service.js';
import { SecurityAudit } from '../../auth/audit/security-audit.service.js';
import { PartnerRepository, type ApiClient } from '../../auth/partner.repository.js';
import type { ClientRateLimits, OutboundDocumentType } from '../../experience.config.js';
import { TradingPartnerRepository, type TradingPartnerRecord } from './trading-partner.repository.js';

export interface NewTradingPartner {
  readonly tradingPartnerId: string;
  readonly name: string;
  readonly customerId: string;
  readonly isaQualifier: string;
  readonly isaId: string;
  readonly gsId: string;
  readonly ourIsaQualifier?: string;
  readonly ourIsaId?: string;
  readonly ourGsId?: string;
  readonly separators?: { readonly element: string; readonly component: string; readonly segment: string; readonly repetition?: string };
  readonly usage?: 'T' | 'P';
  readonly documents: readonly OutboundDocumentType[];
  readonly partNumbers?: readonly { readonly buyerPartNumber: string; readonly sku: string }[];
  readonly clientId?: string;
  readonly rateLimits?: ClientRateLimits;
}

/** Our side of a new trading partner's envelopes unless the operator says otherwise: the ids the demo partner knows us by. */
const OUR_DEFAULTS = { ourIsaQualifier: 'ZZ', ourIsaId: 'DISTGATEWAY', ourGsId: 'DISTGATEWAY' } as const;
const DEFAULT_SEPARATORS = { element: '*', component: '>', segment: '~', repetition: '^' } as const;

const CURSOR_PREFIX = 'tp:';
const encodeCursor = (id: string) => Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');
function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX) || text.length === CURSOR_PREFIX.length) {
    throw new ValidationError([{ field: 'cursor', messages: ['not a cursor returned by a previous page'] }], 'The cursor is invalid.', 'EDI.INVALID_CURSOR');
  }
  return text.slice(CURSOR_PREFIX.length);
}

const notFound = (id: string) => new NotFoundError('EDI.TRADING_PARTNER_NOT_FOUND', `No trading partner ${id}.`);

/**
 * Operators onboard X12 trading partners (with the OAuth client they send as, created through the same path as
 * any onboarded client unless an existing partner client is named), list them, and disable or enable them.
 * Every change is audited in its transaction.
 */
@Injectable()
export class TradingPartnerAdminService {
  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly tradingPartners: TradingPartnerRepository,
    private readonly clients: ClientOnboardingService,
    private readonly partners: PartnerRepository,
    private readonly audit: SecurityAudit,
  ) {}

  async onboard(by: ApiClient, input: NewTradingPartner): Promise<TradingPartnerRecord & { clientSecret?: string }> {
    const buyerPartNumbers = crossReferences(input.partNumbers ?? []);
    const separators = { ...DEFAULT_SEPARATORS, ...input.separators };
    if (new Set([separators.element, separators.component, separators.segment, separators.repetition]).size !== 4) {
      throw new ValidationError([{ field: 'separators', messages: ['element, component, segment and repetition separators must differ'] }]);
    }
    if (await this.tradingPartners.find(input.tradingPartnerId)) {
      throw new ConflictError('EDI.TRADING_PARTNER_EXISTS', `A trading partner ${input.tradingPartnerId} exists already.`);
    }
    if (input.clientId !== undefined) await this.requireSendingClient(input.clientId, input.customerId);
    else await this.clients.requireCustomer(input.customerId);

    const clientSecret = await this.db.transaction(async (tx) => {
      const secret =
        input.clientId === undefined
          ? await this.clients.register(tx, by, {
              clientId: input.tradingPartnerId,
              name: input.name,
              kind: 'partner',
              customerId: input.customerId,
              ...(input.rateLimits ? { rateLimits: input.rateLimits } : {}),
            })
          : undefined;
      const created = await this.tradingPartners.create(tx, {
        tradingPartnerId: input.tradingPartnerId,
        name: input.name,
        clientId: input.clientId ?? input.tradingPartnerId,
        customerId: input.customerId,
        isaQualifier: input.isaQualifier,
        isaId: input.isaId,
        gsId: input.gsId,
        ourIsaQualifier: input.ourIsaQualifier ?? OUR_DEFAULTS.ourIsaQualifier,
        ourIsaId: input.ourIsaId ?? OUR_DEFAULTS.ourIsaId,
        ourGsId: input.ourGsId ?? OUR_DEFAULTS.ourGsId,
        separators,
        usage: input.usage ?? 'P',
        outboundDocuments: [...input.documents],
        buyerPartNumbers,
      });
      if (created === 'id-taken') throw new ConflictError('EDI.TRADING_PARTNER_EXISTS', `A trading partner ${input.tradingPartnerId} exists already.`);
      if (created === 'isa-taken') {
        throw new ConflictError('EDI.ISA_ID_TAKEN', `Another trading partner sends as ISA ${input.isaQualifier}/${input.isaId}.`);
      }
      await this.audit.record(
        {
          actorKind: 'operator',
          actor: by.clientId,
          action: 'edi.trading_partner.onboarded',
          target: input.tradingPartnerId,
          outcome: 'success',
          detail: {
            clientId: input.clientId ?? input.tradingPartnerId,
            customerId: input.customerId,
            isa: `${input.isaQualifier}/${input.isaId}`,
            documents: input.documents,
            partNumbers: Object.keys(buyerPartNumbers).length,
          },
        },
        tx,
      );
      return secret;
    });
    return { ...(await this.get(input.tradingPartnerId)), ...(clientSecret === undefined ? {} : { clientSecret }) };
  }

  async list(limit: number, cursor?: string): Promise<{ partners: TradingPartnerRecord[]; nextCursor?: string }> {
    const page = await this.tradingPartners.list(limit, cursor === undefined ? undefined : decodeCursor(cursor));
    const last = page.partners.at(-1);
    return { partners: page.partners, ...(page.more && last ? { nextCursor: encodeCursor(last.tradingPartnerId) } : {}) };
  }

  async get(tradingPartnerId: string): Promise<TradingPartnerRecord> {
    const partner = await this.tradingPartners.find(tradingPartnerId);
    if (!partner) throw notFound(tradingPartnerId);
    return partner;
  }

  /** Disabled: its interchanges are refused and no 855, 856 or 810 is built for it (its OAuth client is left as it is). */
  async setActive(by: ApiClient, tradingPartnerId: string, active: boolean): Promise<TradingPartnerRecord> {
    return this.db.transaction(async (tx) => {
      const changed = await this.tradingPartners.setActive(tx, tradingPartnerId, active);
      if (!changed) throw notFound(tradingPartnerId);
      await this.audit.record(
        {
          actorKind: 'operator',
          actor: by.clientId,
          action: active ? 'edi.trading_partner.enabled' : 'edi.trading_partner.disabled',
          target: tradingPartnerId,
          outcome: 'success',
        },
        tx,
      );
      return changed;
    });
  }

  /** A trading partner may send as an existing partner client of the same customer (e.g. one its VAN uses for several). */
  private async requireSendingClient(clientId: string, customerId: string): Promise<void> {
    const client = await this.partners.find(clientId);
    if (!client || client.kind !== 'partner') {
      throw new UnprocessableError('EDI.UNKNOWN_CLIENT', `No partner client ${clientId} to send as.`, [
        { field: 'clientId', messages: ['no such partner client'] },
      ]);
    }
    if (client.customerId !== customerId) {
      throw new UnprocessableError('EDI.CLIENT_CUSTOMER_MISMATCH', `Client ${clientId} orders for customer ${client.customerId}, not ${customerId}.`, [
        { field: 'clientId', messages: ['the client orders for another ERP customer'] },
      ]);
    }
  }
}

function crossReferences(partNumbers: readonly { buyerPartNumber: string; sku: string }[]): Record<string, string> {
  const map: Record<string, string> = {};
  const repeated = new Set<string>();
  for (const { buyerPartNumber, sku } of partNumbers) {
    if (buyerPartNumber in map) repeated.add(buyerPartNumber);
    map[buyerPartNumber] = sku;
  }
  if (repeated.size) {
    throw new ValidationError([{ field: 'partNumbers', messages: [`buyer part numbers listed twice: ${[...repeated].join(', ')}`] }]);
  }
  return map;
}
