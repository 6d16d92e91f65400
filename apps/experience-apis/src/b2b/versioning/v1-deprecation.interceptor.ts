import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';
import { ExperienceApisConfig } from '../../experience.config.js';
import { DEFAULT_B2B_VERSION_POLICY, v1DeprecationHeaders } from './b2b-versions.js';

/** Marks every v1 answer deprecated. Set before the handler runs, so error answers carry the headers too. */
@Injectable()
export class V1DeprecationInterceptor implements NestInterceptor {
  private readonly headers: Record<string, string>;

  constructor(config: ExperienceApisConfig) {
    this.headers = v1DeprecationHeaders(config.b2bVersions ?? DEFAULT_B2B_VERSION_POLICY);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    void context.switchToHttp().getResponse<FastifyReply>().headers(this.headers);
    return next.handle();
  }
}
