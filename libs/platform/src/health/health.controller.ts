import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Database } from '../db/database.js';
import { BreakerRegistry } from '../http/breaker.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly breakers: BreakerRegistry,
    @Optional() @Inject(Database) private readonly db?: Database,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: the database answers (503 if not); breaker states are reported.',
    description:
      'An open breaker makes the app `degraded`, not unready: it still serves what does not need that backend, and pulling every instance out of the load balancer would turn one backend outage into a total one.',
  })
  ready() {
    return this.health.check([...(this.db ? [() => this.database()] : []), () => this.circuitBreakers()]);
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
