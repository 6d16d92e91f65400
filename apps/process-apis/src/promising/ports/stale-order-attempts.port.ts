/**
 * Order attempts whose process died hold stock too; the hold sweep ends them. The port is
 * promising's, ordering implements it (OrderRepository.abandonStale), so promising never imports ordering.
 */
export abstract class StaleOrderAttempts {
  /** Ends the attempts pending longer than the timeout and gives their stock back; returns how many. */
  abstract abandonStale(inFlightTimeoutMs: number): Promise<number>;
}
