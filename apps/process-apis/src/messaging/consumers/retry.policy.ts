/**
 * Exponential backoff with jitter: attempt n waits between half and all of
 * min(max, base * 2^(n-1)), so consumers failing together don't retry in step.
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
