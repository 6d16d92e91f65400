import { Controller, Get } from '@nestjs/common';

/** Same probe paths as the other apps, so launchers and compose files can wait on it alike. */
@Controller('health')
export class HealthController {
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  ready(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
