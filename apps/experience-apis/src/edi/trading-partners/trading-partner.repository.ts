import { Inject, Injectable } from '@nestjs/common';
import { Database, type Queryable } from '@platform';
import type { DemoTradingPartner, TradingPartnerConfig } from '../../experience.config.js';

/** A trading partner as stored, with the OAuth client allowed to send as it. */
export interface TradingPartner extends TradingPartnerConfig {
  readonly clientId: string;
}

/** A trading partner as operators see it. */
export interface TradingPartnerRecord extends TradingPartner {
  readonly active: boolean;
  readonly createdAt: string;
}

const COLUMNS = `trading_partner_id, name, client_id, customer_id, isa_qualifier, isa_id, gs_id, our_isa_qualifier, our_isa_id, our_gs_id,
  element_separator, component_separator, segment_terminator, repetition_separator, usage_indicator, outbound_documents, buyer_part_numbers`;
const PLACEHOLDERS = Array.from({ length: 17 }, (_, i) => `$${i + 1}`).join(', ');

const valuesOf = (p: TradingPartner): unknown[] => [
  p.tradingPartnerId,
  p.name,
  p.clientId,
  p.customerId,
  p.isaQualifier,
  p.isaId,
  p.gsId,
  p.ourIsaQualifier,
  p.ourIsaId,
  p.ourGsId,
  p.separators.element,
  p.separators.component,
  p.separators.segment,
  p.separators.repetition,
  p.usage,
  JSON.stringify(p.outboundDocuments),
  JSON.stringify(p.buyerPartNumbers),
];

interface TradingPartnerRow {
  trading_partner_id: string;
  name: string;
  client_id: string;
  customer_id: string;
  isa_qualifier: string;
  isa_id: string;
  gs_id: string;
  our_isa_qualifier: string;
  our_isa_id: string;
  our_gs_id: string;
  element_separator: string;
  component_separator: string;
  segment_terminator: string;
  repetition_separator: string;
  usage_indicator: 'T' | 'P';
  outbound_documents: TradingPartnerConfig['outboundDocuments'] | string;
  buyer_part_numbers: Record<string, string> | string;
  active: boolean;
  created_at: Date | string;
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

@Injectable()
export class TradingPartnerRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** Upserts configured trading partners (their OAuth clients are seeded by the partner repository first). */
  async seed(partners: readonly DemoTradingPartner[]): Promise<void> {
    for (const p of partners) {
      await this.db.query(
        `INSERT INTO edi_trading_partners (${COLUMNS}) VALUES (${PLACEHOLDERS})
         ON CONFLICT (trading_partner_id) DO UPDATE SET name = EXCLUDED.name, client_id = EXCLUDED.client_id, customer_id = EXCLUDED.customer_id,
           isa_qualifier = EXCLUDED.isa_qualifier, isa_id = EXCLUDED.isa_id, gs_id = EXCLUDED.gs_id, our_isa_qualifier = EXCLUDED.our_isa_qualifier,
           our_isa_id = EXCLUDED.our_isa_id, our_gs_id = EXCLUDED.our_gs_id, element_separator = EXCLUDED.element_separator,
           component_separator = EXCLUDED.component_separator, segment_terminator = EXCLUDED.segment_terminator,
           repetition_separator = EXCLUDED.repetition_separator, usage_indicator = EXCLUDED.usage_indicator,
           outbound_documents = EXCLUDED.outbound_documents, buyer_part_numbers = EXCLUDED.buyer_part_numbers`,
        valuesOf({ ...p, clientId: p.client.partnerId }),
      );
    }
  }

  /**
   * Registers a new trading partner (operator onboarding) through the same columns and values as the seeding:
   * `'id-taken'` or `'isa-taken'` when its id, or its ISA qualifier and id, belong to another one.
   */
  async create(tx: Queryable, partner: TradingPartner): Promise<'created' | 'id-taken' | 'isa-taken'> {
    const [taken] = await tx.query<{ trading_partner_id: string }>(
      'SELECT trading_partner_id FROM edi_trading_partners WHERE trading_partner_id = $1 OR (isa_qualifier = $2 AND isa_id = $3)',
      [partner.tradingPartnerId, partner.isaQualifier, partner.isaId],
    );
    if (taken) return taken.trading_partner_id === partner.tradingPartnerId ? 'id-taken' : 'isa-taken';
    await tx.query(`INSERT INTO edi_trading_partners (${COLUMNS}) VALUES (${PLACEHOLDERS})`, valuesOf(partner));
    return 'created';
  }

  /** Any trading partner, active or not, for operators. */
  async find(tradingPartnerId: string): Promise<TradingPartnerRecord | undefined> {
    const [row] = await this.db.query<TradingPartnerRow>('SELECT * FROM edi_trading_partners WHERE trading_partner_id = $1', [tradingPartnerId]);
    return row ? toRecord(row) : undefined;
  }

  /** Every trading partner by id, a page after `afterId`. */
  async list(limit: number, afterId?: string): Promise<{ partners: TradingPartnerRecord[]; more: boolean }> {
    const rows = await this.db.query<TradingPartnerRow>(
      'SELECT * FROM edi_trading_partners WHERE ($1::text IS NULL OR trading_partner_id > $1) ORDER BY trading_partner_id LIMIT $2',
      [afterId ?? null, limit + 1],
    );
    return { partners: rows.slice(0, limit).map(toRecord), more: rows.length > limit };
  }

  /** Disables (interchanges refused, no outbound documents) or enables a trading partner; undefined when unknown. */
  async setActive(tx: Queryable, tradingPartnerId: string, active: boolean): Promise<TradingPartnerRecord | undefined> {
    const [row] = await tx.query<TradingPartnerRow>('UPDATE edi_trading_partners SET active = $2 WHERE trading_partner_id = $1 RETURNING *', [
      tradingPartnerId,
      active,
    ]);
    return row ? toRecord(row) : undefined;
  }

  /** The disabled trading partners of a client: why it may not send, when it has no active one. */
  async disabledOfClient(clientId: string): Promise<string[]> {
    const rows = await this.db.query<{ trading_partner_id: string }>(
      'SELECT trading_partner_id FROM edi_trading_partners WHERE client_id = $1 AND NOT active ORDER BY trading_partner_id',
      [clientId],
    );
    return rows.map((r) => r.trading_partner_id);
  }

  /** The active trading partners an OAuth client may send as. */
  async ofClient(clientId: string): Promise<TradingPartner[]> {
    const rows = await this.db.query<TradingPartnerRow>('SELECT * FROM edi_trading_partners WHERE client_id = $1 AND active ORDER BY trading_partner_id', [
      clientId,
    ]);
    return rows.map(toTradingPartner);
  }

  async get(tradingPartnerId: string): Promise<TradingPartner | undefined> {
    const [row] = await this.db.query<TradingPartnerRow>('SELECT * FROM edi_trading_partners WHERE trading_partner_id = $1 AND active', [tradingPartnerId]);
    return row ? toTradingPartner(row) : undefined;
  }
}

function toTradingPartner(row: TradingPartnerRow): TradingPartner {
  return {
    tradingPartnerId: row.trading_partner_id,
    name: row.name,
    clientId: row.client_id,
    customerId: row.customer_id,
    isaQualifier: row.isa_qualifier,
    isaId: row.isa_id,
    gsId: row.gs_id,
    ourIsaQualifier: row.our_isa_qualifier,
    ourIsaId: row.our_isa_id,
    ourGsId: row.our_gs_id,
    separators: { element: row.element_separator, component: row.component_separator, segment: row.segment_terminator, repetition: row.repetition_separator },
    usage: row.usage_indicator,
    outboundDocuments: json(row.outbound_documents),
    buyerPartNumbers: json(row.buyer_part_numbers),
  };
}

const toRecord = (row: TradingPartnerRow): TradingPartnerRecord => ({
  ...toTradingPartner(row),
  active: row.active,
  createdAt: new Date(row.created_at).toISOString(),
});
