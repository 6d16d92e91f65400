import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { newSigningSecret, signatureHeader, signPayload, verifySignature } from './webhook-signature.js';

describe('webhook signatures', () => {
  const secret = 'whsec_test_0123456789';
  const body = '{"id":"6f1c2a4e-0000-4000-8000-000000000001","type":"order.status_changed"}';

  it('matches a known-answer vector: HMAC-SHA256(secret, "<t>.<body>") in hex', () => {
    // computed independently: printf '%s' '1764000000.{"id":…}' | openssl dgst -sha256 -hmac 'whsec_test_0123456789'
    const known = 'dcc6cbdc18ffff9c5fca61121c1cea8ea02c5b6add0c7b8589e309bc68e4657b';
    expect(signPayload(secret, 1764000000, body)).toBe(known);
    expect(signatureHeader(secret, 1764000000, body)).toBe(`t=1764000000,v1=${known}`);
  });

  it('verifies its own signature and refuses a changed body, another secret, an old timestamp', () => {
    const header = signatureHeader(secret, 1764000000, body);
    expect(verifySignature(secret, header, body, 1764000010)).toBe(true);
    expect(verifySignature(secret, header, body.replace('status', 'state'), 1764000010)).toBe(false);
    expect(verifySignature('whsec_other', header, body, 1764000010)).toBe(false);
    expect(verifySignature(secret, header, body, 1764000000 + 301)).toBe(false);
    expect(verifySignature(secret, undefined, body, 1764000000)).toBe(false);
    expect(verifySignature(secret, 't=abc,v1=00', body, 1764000000)).toBe(false);
  });

  it('hands out distinct, prefixed secrets of 256 random bits', () => {
    const a = newSigningSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newSigningSecret()).not.toBe(a);
    expect(signPayload(a, 1, 'x')).toBe(createHmac('sha256', a).update('1.x').digest('hex'));
  });
});
