import { describe, expect, it } from 'vitest';
import { fetchCoverKey } from './coverKey';

function fakeFetch(status: number, body: unknown, seen: { url?: string; init?: RequestInit }[]): typeof fetch {
  return (async (url: string, init?: RequestInit) => {
    seen.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

describe('fetchCoverKey', () => {
  it('sends the token as a header, never in the URL, and returns the key', async () => {
    const seen: { url?: string; init?: RequestInit }[] = [];
    const key = await fetchCoverKey(fakeFetch(200, { key: 'abc.def', expiresAt: 1_900_000_000_000 }, seen), 'tok-123');
    expect(key).toEqual({ key: 'abc.def', expiresAt: 1_900_000_000_000 });
    expect(seen[0]!.url).toBe('/v1/covers/key');
    expect(seen[0]!.url).not.toContain('tok-123');
    expect(seen[0]!.init?.headers).toEqual({ authorization: 'Bearer tok-123' });
  });

  it('fails on a refusal and on an answer of the wrong shape', async () => {
    await expect(fetchCoverKey(fakeFetch(401, { error: { code: 'auth_required', message: 'x' } }, []), 't')).rejects.toThrow(/HTTP 401/);
    await expect(fetchCoverKey(fakeFetch(200, { key: 42 }, []), 't')).rejects.toThrow();
  });
});
