import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import type { ExperienceApisConfig } from '../experience.config.js';
import type { SigningKeysService } from './keys/signing-keys.service.js';
import type { ApiClient, PartnerRepository } from './partner.repository.js';
import { TokenService } from './token.service.js';

const clients: Record<string, ApiClient> = {
  acme: { clientId: 'acme', name: 'ACME', kind: 'partner', scopes: ['b2b'], customerId: '10100001' },
  crm: { clientId: 'crm', name: 'CRM (demo)', kind: 'crm', scopes: ['crm'] },
  globex: { clientId: 'globex', name: 'Globex', kind: 'partner', scopes: ['b2b'], customerId: '10100002' },
};
const versions: Record<string, number> = { acme: 1, crm: 1, globex: 1 };
const repository = {
  seed: async () => undefined,
  authenticate: async (id: string, secret: string) => (secret === 'right-secret' && clients[id] ? { ...clients[id], tokenVersion: versions[id] } : undefined),
  status: async (id: string) => (clients[id] ? { active: true, tokenVersion: versions[id] } : undefined),
} as unknown as PartnerRepository;
const config = { auth: { tokenTtlSeconds: 60, issuer: 'distribution-gateway' }, demoPartners: [] } as unknown as ExperienceApisConfig;

let privateKey: CryptoKey;
let keys: SigningKeysService;
/** Signs like the service does (ES256, kid k1), with the claims and times a test wants. */
const sign = (claims: Record<string, unknown>, audience: string, times: { iat?: number; exp?: number } = {}) => {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ver: 1, ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setSubject(String(claims.sub ?? 'acme'))
    .setIssuer('distribution-gateway')
    .setAudience(audience)
    .setIssuedAt(times.iat ?? now)
    .setExpirationTime(times.exp ?? now + 60)
    .sign(privateKey);
};

describe('TokenService: client kinds, scopes and token rules', () => {
  let tokens: TokenService;
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    const publicKey = await importJWK(await exportJWK(pair.publicKey), 'ES256');
    keys = {
      init: async () => undefined,
      signer: async () => ({ kid: 'k1', key: privateKey }),
      verificationKey: async (kid: string) => (kid === 'k1' ? publicKey : undefined),
    } as unknown as SigningKeysService;
    tokens = new TokenService(config, repository, keys);
    await tokens.onModuleInit();
  });

  it("issues a partner token with the b2b scope and the partner's customer, signed ES256 with a kid", async () => {
    const { access_token } = await tokens.issue('client_credentials', 'acme', 'right-secret');
    expect(await tokens.verify(access_token)).toEqual(clients.acme);
    expect(JSON.parse(Buffer.from(access_token.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'ES256', kid: 'k1' });
  });

  it('issues a CRM token with the crm scope and no customer', async () => {
    const { access_token } = await tokens.issue('client_credentials', 'crm', 'right-secret');
    const client = await tokens.verify(access_token);
    expect(client).toEqual(clients.crm);
    expect(JSON.parse(Buffer.from(access_token.split('.')[1]!, 'base64url').toString())).toMatchObject({ aud: 'crm', scope: 'crm', kind: 'crm', ver: 1 });
  });

  it('keeps accepting partner tokens issued before client kinds existed', async () => {
    const legacy = await sign({ sub: 'globex', cid: '10100002', name: 'Globex', scope: 'b2b' }, 'b2b');
    expect(await tokens.verify(legacy)).toEqual({ clientId: 'globex', name: 'Globex', kind: 'partner', scopes: ['b2b'], customerId: '10100002' });
  });

  it('refuses a partner token without its customer, and a token for another audience', async () => {
    await expect(tokens.verify(await sign({ scope: 'b2b' }, 'b2b'))).rejects.toMatchObject({ status: 401, code: 'AUTH.INVALID_TOKEN' });
    await expect(tokens.verify(await sign({ sub: 'crm', scope: 'crm', kind: 'crm' }, 'ops'))).rejects.toMatchObject({ status: 401 });
    await expect(tokens.verify(await sign({ sub: 'crm', scope: 'crm', kind: 'crm' }, 'process-apis'))).rejects.toMatchObject({ status: 401 });
    await expect(tokens.issue('client_credentials', 'crm', 'wrong')).rejects.toMatchObject({ status: 401, code: 'AUTH.INVALID_CLIENT' });
  });

  it('refuses a token without exp, one living longer than the cap, one issued in the future, one of an unknown kid', async () => {
    const now = Math.floor(Date.now() / 1000);
    const partner = { cid: '10100001', scope: 'b2b' };
    const noExp = await new SignJWT({ ver: 1, ...partner })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('acme')
      .setIssuer('distribution-gateway')
      .setAudience('b2b')
      .setIssuedAt()
      .sign(privateKey);
    await expect(tokens.verify(noExp)).rejects.toMatchObject({ status: 401 });
    await expect(tokens.verify(await sign(partner, 'b2b', { iat: now, exp: now + 30 * 86_400 }))).rejects.toMatchObject({ status: 401 });
    await expect(tokens.verify(await sign(partner, 'b2b', { iat: now + 600, exp: now + 900 }))).rejects.toMatchObject({ status: 401 });
    const otherKid = await new SignJWT({ ver: 1, ...partner })
      .setProtectedHeader({ alg: 'ES256', kid: 'k2' })
      .setSubject('acme')
      .setIssuer('distribution-gateway')
      .setAudience('b2b')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(privateKey);
    await expect(tokens.verify(otherKid)).rejects.toMatchObject({ status: 401 });
    // within the leeway, a slightly fast clock is fine
    expect(await tokens.verify(await sign(partner, 'b2b', { iat: now + 10, exp: now + 70 }))).toMatchObject({ clientId: 'acme' });
  });

  it('refuses the tokens of an older token version (client disabled or secret rotated)', async () => {
    const { access_token } = await tokens.issue('client_credentials', 'globex', 'right-secret');
    versions.globex = 2;
    tokens.forget('globex');
    await expect(tokens.verify(access_token)).rejects.toMatchObject({ status: 401, code: 'AUTH.TOKEN_REVOKED' });
  });
});
