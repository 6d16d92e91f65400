import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { currentCorrelationId, Database, type Queryable } from '@platform';
import { ControlNumberAllocator } from './control-number.allocator.js';

export type EdiDocumentType = '997' | '855' | '856' | '810' | '180';

export interface EdiDocument {
  readonly documentId: string;
  readonly tradingPartnerId: string;
  readonly documentType: EdiDocumentType;
  /** What it is about: the order (855), shipment (856), invoice (810) or received ISA13 (997). */
  readonly reference: string;
  readonly controlNumber: number;
  readonly raw: string;
  readonly createdAt: string;
  /** The partner's 997 for it: AK9 status and when it came. */
  readonly acknowledgment?: { readonly status: string; readonly at: string };
}

interface DocumentRow {
  document_id: string;
  trading_partner_id: string;
  document_type: EdiDocumentType;
  reference: string;
  control_number: string | number;
  raw: string;
  created_at: string | Date;
  acknowledgment_status: string | null;
  acknowledged_at: string | Date | null;
}

const COLUMNS = 'document_id, trading_partner_id, document_type, reference, control_number, raw, created_at, acknowledgment_status, acknowledged_at';

/**
 * The outbound documents, one per business document and trading partner: storing the same
 * (type, reference) again returns the first one, so a redelivered event or a re-sent order
 * never yields a second 855/856/810 or a second control number in use.
 */
@Injectable()
export class EdiDocumentStore {
  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly controlNumbers: ControlNumberAllocator,
  ) {}

  /** The documents filed under these references (an order, its shipments and invoices), oldest first. */
  async forReferences(references: readonly string[]): Promise<EdiDocument[]> {
    if (!references.length) return [];
    const rows = await this.db.query<DocumentRow>(`SELECT ${COLUMNS} FROM edi_documents WHERE reference = ANY($1::text[]) ORDER BY seq`, [references]);
    return rows.map(toDocument);
  }

  /** `write` gets the allocated control number and returns the whole interchange. */
  async store(
    tx: Queryable,
    tradingPartnerId: string,
    documentType: EdiDocumentType,
    reference: string,
    write: (controlNumber: number) => string,
  ): Promise<{ document: EdiDocument; created: boolean }> {
    const existing = await this.find(tx, tradingPartnerId, documentType, reference);
    if (existing) return { document: existing, created: false };
    const controlNumber = await this.controlNumbers.next(tx, tradingPartnerId);
    const [row] = await tx.query<DocumentRow>(
      `INSERT INTO edi_documents (document_id, trading_partner_id, document_type, reference, control_number, raw, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (trading_partner_id, document_type, reference) DO NOTHING RETURNING ${COLUMNS}`,
      [randomUUID(), tradingPartnerId, documentType, reference, controlNumber, write(controlNumber), currentCorrelationId() ?? null],
    );
    if (row) return { document: toDocument(row), created: true };
    // another instance stored it meanwhile: its number is the one in use, ours stays a gap
    return { document: (await this.find(tx, tradingPartnerId, documentType, reference))!, created: false };
  }

  /** Oldest first, created after `since` when given (at the millisecond precision createdAt is shown with). */
  async list(tradingPartnerId: string, options: { since?: string; type?: EdiDocumentType; limit: number }): Promise<EdiDocument[]> {
    const rows = await this.db.query<DocumentRow>(
      `SELECT ${COLUMNS} FROM edi_documents
        WHERE trading_partner_id = $1 AND ($2::timestamptz IS NULL OR date_trunc('milliseconds', created_at) > $2::timestamptz) AND ($3::text IS NULL OR document_type = $3)
        ORDER BY seq LIMIT $4`,
      [tradingPartnerId, options.since ?? null, options.type ?? null, options.limit],
    );
    return rows.map(toDocument);
  }

  /** Records the partner's 997 on the document of that control number; false when there is none of that group type. */
  async recordAcknowledgment(tradingPartnerId: string, controlNumber: number, functionalId: string, status: string): Promise<boolean> {
    const types = { PR: '855', SH: '856', IN: '810', AN: '180' }[functionalId];
    if (!types) return false;
    const updated = await this.db.query(
      `UPDATE edi_documents SET acknowledgment_status = $4, acknowledged_at = now()
        WHERE trading_partner_id = $1 AND control_number = $2 AND document_type = $3 RETURNING document_id`,
      [tradingPartnerId, controlNumber, types, status],
    );
    return updated.length > 0;
  }

  /** Which of these references have a document of this type filed for the partner. */
  async filed(tradingPartnerId: string, documentType: EdiDocumentType, references: readonly string[]): Promise<Set<string>> {
    if (!references.length) return new Set();
    const rows = await this.db.query<{ reference: string }>(
      'SELECT reference FROM edi_documents WHERE trading_partner_id = $1 AND document_type = $2 AND reference = ANY($3::text[])',
      [tradingPartnerId, documentType, [...references]],
    );
    return new Set(rows.map((r) => r.reference));
  }

  run<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  private async find(tx: Queryable, tradingPartnerId: string, documentType: EdiDocumentType, reference: string): Promise<EdiDocument | undefined> {
    const [row] = await tx.query<DocumentRow>(`SELECT ${COLUMNS} FROM edi_documents WHERE trading_partner_id = $1 AND document_type = $2 AND reference = $3`, [
      tradingPartnerId,
      documentType,
      reference,
    ]);
    return row ? toDocument(row) : undefined;
  }
}

function toDocument(row: DocumentRow): EdiDocument {
  return {
    documentId: row.document_id,
    tradingPartnerId: row.trading_partner_id,
    documentType: row.document_type,
    reference: row.reference,
    controlNumber: Number(row.control_number),
    raw: row.raw,
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.acknowledgment_status ? { acknowledgment: { status: row.acknowledgment_status, at: new Date(row.acknowledged_at!).toISOString() } } : {}),
  };
}
