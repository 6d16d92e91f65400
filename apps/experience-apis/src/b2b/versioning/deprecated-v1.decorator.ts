import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { V1DeprecationInterceptor } from './v1-deprecation.interceptor.js';

// @nestjs/swagger's metadata keys (not exported). npm run openapi:check fails should they change.
const API_OPERATION = 'swagger/apiOperation';
const API_RESPONSE = 'swagger/apiResponse';

/** What every v1 success answer documents; V1DeprecationInterceptor sends them on every v1 answer, errors included. */
const DEPRECATION_HEADERS = {
  deprecation: { description: 'RFC 9745: v1 is deprecated since (or from) this date, e.g. `@1796083200`.', schema: { type: 'string' } },
  sunset: { description: 'RFC 8594: v1 may stop answering after this HTTP-date.', schema: { type: 'string' } },
  link: { description: 'The migration note: `<…/b2b/docs/v2-migration>; rel="deprecation"`.', schema: { type: 'string' } },
};

export interface DeprecatedV1Options {
  /**
   * The controller answers under /b2b/v2 as well (e.g. webhooks, unchanged in v2): only its v1 paths
   * carry the headers, and the catalog leaves its operations undeprecated (one operation documents
   * both paths).
   */
  readonly alsoServesV2?: boolean;
}

/**
 * A controller of deprecated B2B v1 routes. Every answer on a /b2b/v1 path carries `Deprecation`,
 * `Sunset` and `Link` (V1DeprecationInterceptor, from the version policy in the config). For a
 * v1-only controller the catalog marks every operation deprecated and documents the headers on its
 * success answers (and 304s), so a route states only its own summary and responses, as its v2 twin does.
 */
export function DeprecatedV1(options: DeprecatedV1Options = {}): ClassDecorator {
  const runtime = UseInterceptors(V1DeprecationInterceptor);
  if (options.alsoServesV2) return runtime;
  return applyDecorators(runtime, (target: object) => {
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const route = prototype[name];
      if (name === 'constructor' || typeof route !== 'function' || Reflect.getMetadata(PATH_METADATA, route) === undefined) continue;
      // class decorators run after the methods', so each route's own documentation is there to extend
      Reflect.defineMetadata(API_OPERATION, { ...Reflect.getMetadata(API_OPERATION, route), deprecated: true }, route);
      const responses: Record<string, { headers?: object }> = Reflect.getMetadata(API_RESPONSE, route) ?? {};
      // a success answer, or a 304 (it stands for the success answer the client holds); a route's own headers kept
      for (const status of Object.keys(responses).filter((s) => /^(2\d\d|304)$/.test(s))) {
        const { headers, ...response } = responses[status]!;
        responses[status] = { headers: { ...DEPRECATION_HEADERS, ...headers }, ...response };
      }
      Reflect.defineMetadata(API_RESPONSE, responses, route);
    }
  });
}
