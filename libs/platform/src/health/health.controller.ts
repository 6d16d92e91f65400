import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Database } from '../db/database.js';
import { Public } from '../security/service-auth.guard.js';
import { BreakerRegistry } from '../http/breaker.js';

/** The next layer of the gateway that readiness probes. */
export interface HealthUpstream {
  readonly name: string;
  readonly url: string;
}

export const HEALTH_UPSTREAMS = Symbol('HEALTH_UPSTREAMS');

/** A dependency an app module knows how to probe (e.g. the process layer's NATS connection); down makes readiness 503. */
export abstract class ReadinessCheck {
  abstract readonly name: string;
  abstract check(): Promise<{ readonly up: boolean; readonly detail: Record<string, unknown> }>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** A probe of the next layer gives up after this long. */
const UPSTREAM_PROBE_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Public() // load balancers and orchestrators probe without credentials
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly breakers: BreakerRegistry,
    @Optional() @Inject(Database) private readonly db?: Database,
    @Optional() @Inject(HEALTH_UPSTREAMS) private readonly upstreams: readonly HealthUpstream[] = [],
    @Optional() @Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[] = [],
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: the database and the next layer of the gateway answer (503 if not); breaker states are reported.',
    description:
      'An open breaker makes the app `degraded`, not unready: it still serves what does not need that backend, and pulling every instance out of the load balancer would turn one backend outage into a total one. The next layer (experience: process; process: system) must answer its liveness probe: an instance that cannot reach it at all is misconfigured or cut off.',
  })
  ready() {
    return this.health.check([
      ...(this.db ? [() => this.database()] : []),
      ...this.upstreams.map((upstream) => () => this.upstream(upstream)),
      ...this.checks.map((check) => () => this.probe(check)),
      () => this.circuitBreakers(),
    ]);
  }

  private async upstream({ name, url }: HealthUpstream) {
    const session = this.indicators.check(name);
    try {
      const response = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(UPSTREAM_PROBE_TIMEOUT_MS) });
      await response.body?.cancel();
      return response.ok ? session.up({ url }) : session.down({ url, message: `answered ${response.status}` });
    } catch (error) {
      return session.down({ url, message: (error as Error).message });
    }
  }

  private async probe(check: ReadinessCheck) {
    const session = this.indicators.check(check.name);
    try {
      const { up, detail } = await check.check();
      return up ? session.up(detail) : session.down(detail);
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }

  private async database() {
    const session = this.indicators.check('database');
    try {
      await this.db!.query('SELECT 1');
      return session.up({ kind: this.db!.kind });
    } catch (error) {
      return session.down({ kind: this.db!.kind, message: (error as Error).message });
    }
  }

  private circuitBreakers() {
    const snapshot = this.breakers.snapshot();
    const session = this.indicators.check('breakers');
    const anyOpen = Object.values(snapshot).some((breaker) => breaker.state === 'open');
    return anyOpen ? session.degraded(snapshot) : session.up(snapshot);
  }
}
