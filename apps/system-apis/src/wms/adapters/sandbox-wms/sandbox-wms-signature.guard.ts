import { createHmac, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UnauthorizedError } from '@platform';
import { SystemApisConfig } from '../../../system.config.js';

/** The sandbox WMS signs each webhook call: `X-WMS-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const WMS_SIGNATURE_HEADER = 'x-wms-signature';
/** A signature older (or newer) than this is refused, so a captured call cannot be replayed later. */
const TOLERANCE_SECONDS = 300;

/**
 * Only the WMS may post native events: the signature over the exact bytes received, with the shared
 * secret (WMS_WEBHOOK_SECRET), and a timestamp within five minutes. Anything else is 401 and is not
 * forwarded, so a forged OB_SHIPPED makes no shipment and a forged stock change moves nothing.
 */
@Injectable()
export class SandboxWmsSignatureGuard implements CanActivate {
  private readonly logger = new Logger('SandboxWmsWebhook');
  private readonly secret: string;

  constructor(config: SystemApisConfig) {
    this.secret = config.wmsWebhookSecret;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & { rawBody?: Buffer }>();
    const problem = this.check(request.headers[WMS_SIGNATURE_HEADER], request.rawBody);
    if (!problem) return true;
    this.logger.warn({ ip: request.ip, problem }, 'WMS webhook call refused');
    void context.switchToHttp().getResponse<FastifyReply>().header('www-authenticate', 'HMAC-SHA256 realm="wms-webhook"');
    throw new UnauthorizedError(`The call must carry a valid ${WMS_SIGNATURE_HEADER} from the WMS: ${problem}.`, 'AUTH.INVALID_SIGNATURE');
  }

  private check(header: string | string[] | undefined, body: Buffer | undefined): string | undefined {
    if (typeof header !== 'string') return 'no signature';
    const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
    const t = Number(parts.t);
    if (!Number.isInteger(t) || !parts.v1) return 'malformed signature';
    if (Math.abs(Date.now() / 1000 - t) > TOLERANCE_SECONDS) return 'timestamp outside the tolerance';
    const expected = createHmac('sha256', this.secret)
      .update(`${t}.`)
      .update(body ?? Buffer.alloc(0))
      .digest();
    const given = Buffer.from(parts.v1, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : 'signature mismatch';
  }
}
