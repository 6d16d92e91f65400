/**
 * Delay before the next attempt after `attempt` failed ones: exponential (base * 2^(attempt-1),
 * capped at max) with full jitter in the upper half, so deliveries that failed together (a
 * receiver that was down) don't come back in step.
 */
export function nextAttemptDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
