import { describe, expect, it } from '@jest/globals';
import { parseServiceKeys } from './service-keys.js';
import { signServiceToken, verifyServiceToken } from './service-token.js';

const OLD = `k2026a:${'a'.repeat(40)}`;
const NEW = `k2026b:${'b'.repeat(40)}`;
const kidOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid as string;
const verify = (keys: string, token: string) => verifyServiceToken(parseServiceKeys(keys), token, 'process-apis', ['experience-apis']);

describe('service-token key rotation with overlap (docs/security.md)', () => {
  it('three rolling deploys: old,new then new,old then new; no instance is ever sent a token it cannot verify', async () => {
    const byOld = await signServiceToken(parseServiceKeys(OLD), 'experience-apis', 'process-apis');
    expect(kidOf(byOld)).toBe('k2026a');

    // 1. `old,new` everywhere: still signed with the old key, so the instances not updated yet read every token
    const learning = `${OLD},${NEW}`;
    const duringStep1 = await signServiceToken(parseServiceKeys(learning), 'experience-apis', 'process-apis');
    expect(kidOf(duringStep1)).toBe('k2026a');
    await expect(verify(OLD, duringStep1)).resolves.toBe('experience-apis');

    // 2. `new,old`: signed with the new key, which every instance of step 1 verifies; the old key's tokens still pass
    const overlap = `${NEW},${OLD}`;
    const byNew = await signServiceToken(parseServiceKeys(overlap), 'experience-apis', 'process-apis');
    expect(kidOf(byNew)).toBe('k2026b');
    await expect(verify(learning, byNew)).resolves.toBe('experience-apis');
    await expect(verify(overlap, byOld)).resolves.toBe('experience-apis');
    // skipping step 1 would break: an instance still on the old set refuses the new key's tokens
    await expect(verify(OLD, byNew)).rejects.toMatchObject({ status: 401, code: 'AUTH.INVALID_TOKEN' });

    // 3. `new` alone once no instance signs with the old key: its tokens are refused
    await expect(verify(NEW, byNew)).resolves.toBe('experience-apis');
    await expect(verify(NEW, byOld)).rejects.toMatchObject({ status: 401, code: 'AUTH.INVALID_TOKEN' });
  });

  it('a token signed with a known kid but another secret is refused', async () => {
    const forged = await signServiceToken(parseServiceKeys(`k2026a:${'x'.repeat(40)}`), 'experience-apis', 'process-apis');
    await expect(verify(OLD, forged)).rejects.toMatchObject({ status: 401 });
  });
});
