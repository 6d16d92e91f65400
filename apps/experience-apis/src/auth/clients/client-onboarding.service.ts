import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ProcessApiClient } from '@contracts';
import { AppError, ConflictError, Database, NotFoundError, UnprocessableError, ValidationError, type Queryable } from '@platform';
import type { ClientKind, ClientRateLimits } from '../../experience.config.js';
import { SecurityAudit } from '../audit/security-audit.service.js';
import { PartnerRepository, type ApiClient, type ClientRecord } from '../partner.repository.js';

export interface NewClient {
  readonly clientId: string;
  readonly name: string;
  readonly kind: ClientKind;
  /** Partners: the ERP customer. */
  readonly customerId?: string;
  readonly rateLimits?: ClientRateLimits;
}

const CURSOR_PREFIX = 'c:';
export const encodeClientCursor = (clientId: string) => Buffer.from(`${CURSOR_PREFIX}${clientId}`).toString('base64url');
function decodeClientCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX) || text.length === CURSOR_PREFIX.length) {
    throw new ValidationError([{ field: 'cursor', messages: ['not a cursor returned by a previous page'] }], 'The cursor is invalid.', 'CLIENT.INVALID_CURSOR');
  }
  return text.slice(CURSOR_PREFIX.length);
}

export const clientNotFound = (clientId: string) => new NotFoundError('CLIENT.NOT_FOUND', `No such client: ${clientId}.`);

/**
 * Operators onboard OAuth2 clients (partners, CRM clients, the clients EDI trading partners send with): the
 * client is stored through the same repository path as the demo seeding, with a generated secret shown once,
 * and audited (`client.onboarded`) in its transaction. A partner's ERP customer must exist (asked of the process
 * layer, which reads the ERP).
 */
@Injectable()
export class ClientOnboardingService {
  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly partners: PartnerRepository,
    private readonly process: ProcessApiClient,
    private readonly audit: SecurityAudit,
  ) {}

  async onboard(by: ApiClient, client: NewClient): Promise<ClientRecord & { clientSecret: string }> {
    if (client.customerId !== undefined) await this.requireCustomer(client.customerId);
    const clientSecret = await this.db.transaction((tx) => this.register(tx, by, client));
    return { ...(await this.get(client.kind, client.clientId)), clientSecret };
  }

  /**
   * Stores a new client in the caller's transaction and audits it; returns its secret. 409 when the id is taken
   * (by a client of any kind). The customer is not checked here (see `requireCustomer`).
   */
  async register(tx: Queryable, by: ApiClient, client: NewClient): Promise<string> {
    const secret = randomBytes(24).toString('base64url');
    const created = await this.partners.create(tx, {
      partnerId: client.clientId,
      name: client.name,
      kind: client.kind,
      secret,
      ...(client.customerId === undefined ? {} : { customerId: client.customerId }),
      ...(client.rateLimits === undefined ? {} : { rateLimits: client.rateLimits }),
    });
    if (!created) throw new ConflictError('CLIENT.ALREADY_EXISTS', `A client ${client.clientId} exists already.`);
    await this.audit.record(
      {
        actorKind: 'operator',
        actor: by.clientId,
        action: 'client.onboarded',
        target: client.clientId,
        outcome: 'success',
        detail: { kind: client.kind, name: client.name, ...(client.customerId === undefined ? {} : { customerId: client.customerId }) },
      },
      tx,
    );
    return secret;
  }

  /** 422 `CLIENT.UNKNOWN_CUSTOMER` when the ERP has no such customer; a process layer or ERP outage is passed on (502/503). */
  async requireCustomer(customerId: string): Promise<void> {
    try {
      await this.process.getCustomer(customerId);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) {
        throw new UnprocessableError('CLIENT.UNKNOWN_CUSTOMER', `The ERP has no customer ${customerId}.`, [
          { field: 'customerId', messages: ['no such ERP customer'] },
        ]);
      }
      throw error;
    }
  }

  async list(kind: ClientKind, limit: number, cursor?: string): Promise<{ clients: ClientRecord[]; nextCursor?: string }> {
    const page = await this.partners.list(kind, limit, cursor === undefined ? undefined : decodeClientCursor(cursor));
    const last = page.clients.at(-1);
    return { clients: page.clients, ...(page.more && last ? { nextCursor: encodeClientCursor(last.clientId) } : {}) };
  }

  /** The client of that kind; 404 for an unknown id or a client of another kind. */
  async get(kind: ClientKind, clientId: string): Promise<ClientRecord> {
    const client = await this.partners.find(clientId);
    if (!client || client.kind !== kind) throw clientNotFound(clientId);
    return client;
  }
}
