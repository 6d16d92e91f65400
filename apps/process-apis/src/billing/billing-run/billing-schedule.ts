/** `HH:MM` (UTC), the time of day the billing run closes the previous days' daily invoices. */
export const BILLING_RUN_AT = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The next moment at `at` (UTC `HH:MM`) strictly after `now`. */
export function nextRunAt(at: string, now: Date): Date {
  const match = BILLING_RUN_AT.exec(at);
  if (!match) throw new Error(`billing run time ${JSON.stringify(at)} is not HH:MM`);
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), Number(match[1]), Number(match[2])));
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/** The day before `now` (UTC, `YYYY-MM-DD`): a day's invoice closes once the day is over. */
export function previousDay(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1));
  return day.toISOString().slice(0, 10);
}
