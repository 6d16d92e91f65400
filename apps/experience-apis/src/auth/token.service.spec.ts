import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import type { ExperienceApisConfig } from '../experience.config.js';
import type { ApiClient, PartnerRepository } from './partner.repository.js';
import { TokenService } from './token.service.js';

const SECRET = 'unit-signing-secret-0123456789abcdefghijkl';
const clients: Record<string, ApiClient> = {
  acme: { clientId: 'acme', name: 'ACME', kind: 'partner', scopes: ['b2b'], customerId: '10100001' },
  crm: { clientId: 'crm', name: 'CRM (demo)', kind: 'crm', scopes: ['crm'] },
};
const repository = {
  seed: async () => undefined,
  authenticate: async (id: string, secret: string) => (secret === 'right-secret' ? clients[id] : undefined),
  signingSecret: async () => SECRET,
} as unknown as PartnerRepository;
const config = { auth: { signingSecret: SECRET, tokenTtlSeconds: 60, issuer: 'distribution-gateway' }, demoPartners: [] } as unknown as ExperienceApisConfig;

describe('TokenService: client kinds and scopes', () => {
  const tokens = new TokenService(config, repository);
  beforeAll(() => tokens.onModuleInit());

  it("issues a partner token with the b2b scope and the partner's customer", async () => {
    const { access_token } = await tokens.issue('client_credentials', 'acme', 'right-secret');
    expect(await tokens.verify(access_token)).toEqual(clients.acme);
  });

  it('issues a CRM token with the crm scope and no customer', async () => {
    const { access_token } = await tokens.issue('client_credentials', 'crm', 'right-secret');
    const client = await tokens.verify(access_token);
    expect(client).toEqual(clients.crm);
    expect(JSON.parse(Buffer.from(access_token.split('.')[1]!, 'base64url').toString())).toMatchObject({ aud: 'crm', scope: 'crm', kind: 'crm' });
  });

  it('keeps accepting partner tokens issued before client kinds existed', async () => {
    const legacy = await new SignJWT({ cid: '10100002', name: 'Globex', scope: 'b2b' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('globex')
      .setIssuer('distribution-gateway')
      .setAudience('b2b')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(new TextEncoder().encode(SECRET));
    expect(await tokens.verify(legacy)).toEqual({ clientId: 'globex', name: 'Globex', kind: 'partner', scopes: ['b2b'], customerId: '10100002' });
  });

  it('refuses a partner token without its customer, and a token for another audience', async () => {
    const sign = (claims: Record<string, unknown>, audience: string) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('x')
        .setIssuer('distribution-gateway')
        .setAudience(audience)
        .setExpirationTime('60s')
        .sign(new TextEncoder().encode(SECRET));
    await expect(tokens.verify(await sign({ scope: 'b2b' }, 'b2b'))).rejects.toMatchObject({ status: 401, code: 'AUTH.INVALID_TOKEN' });
    await expect(tokens.verify(await sign({ scope: 'crm', kind: 'crm' }, 'ops'))).rejects.toMatchObject({ status: 401 });
    await expect(tokens.issue('client_credentials', 'crm', 'wrong')).rejects.toMatchObject({ status: 401, code: 'AUTH.INVALID_CLIENT' });
  });
});
