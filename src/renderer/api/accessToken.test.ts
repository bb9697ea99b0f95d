import { describe, expect, it } from 'vitest';
import { takeAccessToken } from './accessToken';

const memoryStorage = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
};

describe('takeAccessToken', () => {
  it('takes the token from the fragment, keeps it for the tab and removes it from the address bar', () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    const token = takeAccessToken({ hash: '#token=abc%2B1', pathname: '/', search: '' }, storage, (u) => replaced.push(u));
    expect(token).toBe('abc+1');
    expect(replaced).toEqual(['/']);
    // A reload has no fragment any more, and still finds the token.
    expect(takeAccessToken({ hash: '', pathname: '/', search: '' }, storage, (u) => replaced.push(u))).toBe('abc+1');
    expect(replaced).toHaveLength(1);
  });

  it('leaves route fragments alone', () => {
    const replaced: string[] = [];
    expect(takeAccessToken({ hash: '#/downloads/failed', pathname: '/', search: '' }, memoryStorage(), (u) => replaced.push(u))).toBeUndefined();
    expect(replaced).toEqual([]);
  });
});
