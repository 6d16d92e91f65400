import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Database, NotFoundError } from '@platform';
import { SecurityAudit } from '../audit/security-audit.service.js';
import { SigningKeysService } from '../keys/signing-keys.service.js';
import { PartnerRepository, type ApiClient } from '../partner.repository.js';
import { TokenService } from '../token.service.js';

export interface ClientState {
  readonly clientId: string;
  readonly active: boolean;
  readonly tokenVersion: number;
}

const unknownClient = (clientId: string) => new NotFoundError('CLIENT.NOT_FOUND', `No such client: ${clientId}.`);

/**
 * What operators change about clients and keys. Each change and its audit row commit together; disabling a
 * client or rotating its secret bumps its token version, so its tokens stop working within seconds everywhere.
 */
@Injectable()
export class ClientAdminService {
  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly partners: PartnerRepository,
    private readonly tokens: TokenService,
    private readonly keys: SigningKeysService,
    private readonly audit: SecurityAudit,
  ) {}

  async setActive(by: ApiClient, clientId: string, active: boolean): Promise<ClientState> {
    const status = await this.db.transaction(async (tx) => {
      const changed = await this.partners.setActive(tx, clientId, active);
      if (!changed) throw unknownClient(clientId);
      await this.audit.record(
        { actorKind: 'operator', actor: by.clientId, action: active ? 'client.enabled' : 'client.disabled', target: clientId, outcome: 'success' },
        tx,
      );
      return changed;
    });
    this.tokens.forget(clientId);
    return { clientId, ...status };
  }

  /**
   * A new secret, returned once. Without an overlap the old one and every token issued under it stop working at
   * once; with `overlapSeconds` the old secret still gets tokens (ending with the window) until then.
   */
  async rotateSecret(by: ApiClient, clientId: string, overlapSeconds = 0): Promise<ClientState & { clientSecret: string; previousSecretValidUntil?: string }> {
    const secret = randomBytes(24).toString('base64url');
    const status = await this.db.transaction(async (tx) => {
      const changed = await this.partners.replaceSecret(tx, clientId, secret, overlapSeconds);
      if (!changed) throw unknownClient(clientId);
      await this.audit.record(
        {
          actorKind: 'operator',
          actor: by.clientId,
          action: 'client.secret_rotated',
          target: clientId,
          outcome: 'success',
          ...(overlapSeconds > 0 ? { detail: { overlapSeconds, previousSecretValidUntil: changed.previousSecretValidUntil } } : {}),
        },
        tx,
      );
      return changed;
    });
    this.tokens.forget(clientId);
    return { clientId, ...status, clientSecret: secret };
  }

  async rotateSigningKey(by: ApiClient): Promise<{ kid: string; retiring: string[] }> {
    const rotated = await this.keys.rotate();
    await this.audit.record({
      actorKind: 'operator',
      actor: by.clientId,
      action: 'signing_key.rotated',
      target: rotated.kid,
      outcome: 'success',
      detail: { retiring: rotated.retiring },
    });
    return rotated;
  }
}
