import { Injectable } from '@nestjs/common';
import { AppError, type Queryable } from '@platform';

/** The counter for interchanges answered to senders we do not know (a TA1 still needs an ISA13). */
export const UNKNOWN_SENDER_COUNTER = '*';

/**
 * ISA13/GS06 we send, per trading partner: increasing and never on two documents, even with
 * two instances at once (one atomic upsert ... RETURNING locks the counter row). Allocate in
 * the transaction that stores the document: if it rolls back, neither the number nor the
 * document exists, so nothing sent ever shares a number.
 */
@Injectable()
export class ControlNumberAllocator {
  async next(tx: Queryable, counter: string): Promise<number> {
    const [row] = await tx
      .query<{ last_value: string | number }>(
        `INSERT INTO edi_control_numbers (counter, last_value) VALUES ($1, 1)
       ON CONFLICT (counter) DO UPDATE SET last_value = edi_control_numbers.last_value + 1
       RETURNING last_value`,
        [counter],
      )
      .catch((error: unknown) => {
        // the CHECK stops the counter at 999999999, the widest ISA13: never wrap around into used numbers
        throw new AppError('EDI.CONTROL_NUMBERS_EXHAUSTED', 500, 'Control numbers exhausted', {
          detail: `Counter ${counter} has no ISA13 left.`,
          cause: error,
        });
      });
    return Number(row.last_value);
  }
}
