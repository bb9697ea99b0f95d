import { describe, expect, it } from 'vitest';
import { COVER_KEY_BUCKET_MS, createCoverKeys } from './coverKeys';

const secret = Buffer.alloc(32, 7);
const T0 = 1_800_000_000_000;

describe('cover keys', () => {
  it('verifies the keys it issued, the same key for a whole hour', () => {
    let t = T0;
    const keys = createCoverKeys({ secret, now: () => t });
    const a = keys.issue();
    expect(keys.verify(a.key)).toBe(true);
    expect(a.expiresAt - t).toBeGreaterThan(COVER_KEY_BUCKET_MS);
    expect(a.expiresAt - t).toBeLessThanOrEqual(2 * COVER_KEY_BUCKET_MS);
    t += 1000;
    expect(keys.issue().key).toBe(a.key);
  });

  it('refuses expired keys, keys of another secret (another process) and altered keys', () => {
    let t = T0;
    const keys = createCoverKeys({ secret, now: () => t });
    const { key, expiresAt } = keys.issue();
    expect(createCoverKeys({ secret: Buffer.alloc(32, 8), now: () => t }).verify(key)).toBe(false);
    const [exp, sig] = key.split('.') as [string, string];
    expect(keys.verify(`${(expiresAt + COVER_KEY_BUCKET_MS).toString(36)}.${sig}`)).toBe(false);
    expect(keys.verify(`${exp}.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    for (const bad of ['', 'x', `${exp}.`, `${exp}.${sig}.`, 42, undefined, ['a']]) expect(keys.verify(bad)).toBe(false);
    t = expiresAt;
    expect(keys.verify(key)).toBe(false);
  });

  it('refuses a correctly signed key that claims to live longer than two buckets', () => {
    let t = T0;
    const keys = createCoverKeys({ secret, now: () => t });
    t = T0 + 10 * COVER_KEY_BUCKET_MS;
    const future = keys.issue().key;
    t = T0;
    expect(keys.verify(future)).toBe(false);
  });
});
