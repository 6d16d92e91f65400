import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ExperienceApisConfig } from '../../experience.config.js';
import { DEFAULT_B2B_VERSION_POLICY, v1DeprecationHeaders } from './b2b-versions.js';

/**
 * Marks every v1 answer deprecated (a controller serving both versions gets them on its v1 paths
 * only). Set before the handler runs, so error answers carry the headers too.
 */
@Injectable()
export class V1DeprecationInterceptor implements NestInterceptor {
  private readonly headers: Record<string, string>;

  constructor(config: ExperienceApisConfig) {
    this.headers = v1DeprecationHeaders(config.b2bVersions ?? DEFAULT_B2B_VERSION_POLICY);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    if (http.getRequest<FastifyRequest>().url.startsWith('/b2b/v1/')) void http.getResponse<FastifyReply>().headers(this.headers);
    return next.handle();
  }
}
