import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { CHANNEL_EVENTS_TOKEN_HEADER } from '@contracts';
import { UnauthorizedError } from '@platform';
import { ExperienceApisConfig } from '../experience.config.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Only the process layer may post channel events: it proves it with the shared CHANNEL_EVENTS_TOKEN. */
@Injectable()
export class ChannelEventsTokenGuard implements CanActivate {
  constructor(private readonly config: ExperienceApisConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const given = context.switchToHttp().getRequest<FastifyRequest>().headers[CHANNEL_EVENTS_TOKEN_HEADER];
    const expected = this.config.channelEventsToken;
    // hashed first, so the comparison takes the same time whatever the lengths
    if (!expected || typeof given !== 'string' || !timingSafeEqual(digest(given), digest(expected))) {
      throw new UnauthorizedError('Channel events are accepted from the process layer only.', 'AUTH.CHANNEL_EVENTS_TOKEN');
    }
    return true;
  }
}
