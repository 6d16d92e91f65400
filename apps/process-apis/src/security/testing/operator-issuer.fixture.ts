// A stand-in for the experience layer as the process layer's operator check sees it: a JWKS with a real
// ES256 key, tokens signed with it, and token introspection (revocable per token). For process-layer specs
// that run without the experience app; the end-to-end suites use the real one.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export class OperatorIssuerFixture {
  url = '';
  readonly revoked = new Set<string>();
  private server!: Server;
  private privateKey!: CryptoKey;
  private jwk!: JWK;

  async start(): Promise<void> {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    this.privateKey = privateKey;
    this.jwk = { ...(await exportJWK(publicKey)), kid: 'fixture-1', alg: 'ES256', use: 'sig' };
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (req.url === '/.well-known/jwks.json') return res.end(JSON.stringify({ keys: [this.jwk] }));
        if (req.url === '/oauth/introspect' && req.headers.authorization?.startsWith('Bearer ')) {
          const { token } = JSON.parse(raw) as { token: string };
          return res.end(JSON.stringify({ active: !this.revoked.has(token) }));
        }
        res.statusCode = 401;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** An operator token as the experience layer issues it (scope ops, audience ops). */
  token(operatorId = 'ops', claims: { scope?: string; audience?: string } = {}): Promise<string> {
    return new SignJWT({ scope: claims.scope ?? 'ops', kind: 'operator', ver: 1 })
      .setProtectedHeader({ alg: 'ES256', kid: 'fixture-1' })
      .setSubject(operatorId)
      .setIssuer('distribution-gateway')
      .setAudience(claims.audience ?? 'ops')
      .setIssuedAt()
      .setExpirationTime('300s')
      .sign(this.privateKey);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
