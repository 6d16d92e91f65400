import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, Database } from '@platform';

export type InterchangeClaim = { kind: 'new' } | { kind: 'replay'; response: string } | { kind: 'other-content' };

/**
 * Received interchanges by (trading partner, ISA13): the first one is processed, a re-send
 * with the same content gets the same 997 back and places nothing; another interchange under
 * a control number already used is refused (TA1 025). Kept in the database, so this holds
 * across restarts and instances.
 */
@Injectable()
export class InterchangeRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async claim(tradingPartnerId: string, controlNumber: string, bodyHash: string, lockMs: number): Promise<InterchangeClaim> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO edi_interchanges (trading_partner_id, control_number, body_hash, state, locked_until)
         VALUES ($1, $2, $3, 'in_flight', now() + ($4::integer * interval '1 millisecond'))
         ON CONFLICT (trading_partner_id, control_number) DO NOTHING RETURNING control_number`,
        [tradingPartnerId, controlNumber, bodyHash, lockMs],
      );
      if (inserted.length) return { kind: 'new' };
      const [row] = await tx.query<{ body_hash: string; state: string; response: string | null; locked: boolean }>(
        `SELECT body_hash, state, response, locked_until > now() AS locked FROM edi_interchanges
          WHERE trading_partner_id = $1 AND control_number = $2 FOR UPDATE`,
        [tradingPartnerId, controlNumber],
      );
      if (row.body_hash !== bodyHash) return { kind: 'other-content' };
      if (row.state === 'completed') return { kind: 'replay', response: row.response! };
      if (row.locked) throw new ConflictError('EDI.INTERCHANGE_IN_FLIGHT', `Interchange ${controlNumber} is still being processed; send it again shortly.`);
      // the first attempt died mid-way: take it over (orders already placed are replayed by their PO number)
      await tx.query(
        `UPDATE edi_interchanges SET locked_until = now() + ($3::integer * interval '1 millisecond') WHERE trading_partner_id = $1 AND control_number = $2`,
        [tradingPartnerId, controlNumber, lockMs],
      );
      return { kind: 'new' };
    });
  }

  async complete(tradingPartnerId: string, controlNumber: string, response: string): Promise<void> {
    await this.db.query(
      `UPDATE edi_interchanges SET state = 'completed', response = $3, completed_at = now() WHERE trading_partner_id = $1 AND control_number = $2`,
      [tradingPartnerId, controlNumber, response],
    );
  }

  /** Nothing was acknowledged: the sender may send it again under the same number. */
  async release(tradingPartnerId: string, controlNumber: string): Promise<void> {
    await this.db.query('DELETE FROM edi_interchanges WHERE trading_partner_id = $1 AND control_number = $2', [tradingPartnerId, controlNumber]);
  }
}
