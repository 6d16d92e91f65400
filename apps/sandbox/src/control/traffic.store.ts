import { Injectable } from '@nestjs/common';
import { SYSTEMS, type SystemName } from '../sandbox.systems.js';

export interface Faults {
  /** Drop every native request's connection without an answer. */
  down: boolean;
  /** Delay before answering. */
  latencyMs: number;
  /** Share (0..1) of native requests answered with a 500. */
  errorRate: number;
  /** Carry out every write (POST, PUT, PATCH, DELETE), then drop the connection instead of answering: the caller never learns it happened. */
  loseWriteAnswers: boolean;
}

export interface CallRecord {
  seq: number;
  at: string;
  method: string;
  path: string;
  /** HTTP status; 'dropped' when the connection was cut; 'lost' when the write was carried out but its answer dropped; null while still in flight. */
  status: number | 'dropped' | 'lost' | null;
  correlationId: string | null;
}

const normal = (): Faults => ({ down: false, latencyMs: 0, errorRate: 0, loseWriteAnswers: false });

/** Oldest calls are forgotten beyond this, so a long benchmark cannot exhaust memory. */
const MAX_CALLS = 10_000;

/** Per system: the injected faults and the log of native requests received. */
@Injectable()
export class TrafficStore {
  private readonly faults = new Map<SystemName, Faults>(SYSTEMS.map((s) => [s, normal()]));
  private readonly calls = new Map<SystemName, CallRecord[]>(SYSTEMS.map((s) => [s, []]));
  private seq = 0;

  faultsOf(system: SystemName): Faults {
    return { ...this.faults.get(system)! };
  }

  /** Replaces the system's faults; a field left out or null goes back to normal, so the faults always keep their types. */
  setFaults(system: SystemName, faults: { [K in keyof Faults]?: Faults[K] | null }): Faults {
    const given = Object.fromEntries(Object.entries(faults).filter(([, value]) => value !== undefined && value !== null));
    this.faults.set(system, { ...normal(), ...given });
    return this.faultsOf(system);
  }

  clearFaults(system: SystemName): void {
    this.faults.set(system, normal());
  }

  /** Logs a request as it arrives; the caller fills in the status once known. */
  record(system: SystemName, method: string, path: string, correlationId: string | null): CallRecord {
    const call: CallRecord = { seq: ++this.seq, at: new Date().toISOString(), method, path, status: null, correlationId };
    const log = this.calls.get(system)!;
    log.push(call);
    if (log.length > MAX_CALLS) log.splice(0, log.length - MAX_CALLS);
    return call;
  }

  callsOf(system: SystemName): CallRecord[] {
    return this.calls.get(system)!.map((call) => ({ ...call }));
  }

  clearCalls(system: SystemName): void {
    this.calls.set(system, []);
  }

  reset(): void {
    for (const system of SYSTEMS) {
      this.clearFaults(system);
      this.clearCalls(system);
    }
  }
}
