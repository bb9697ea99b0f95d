import { describe, expect, it } from 'vitest';
import { canonicalUrl } from './canonicalUrl';

describe('canonicalUrl', () => {
  it.each([
    ['/status', '/status'],
    ['/status?x=1', '/status?x=1'],
    ['/status#x', '/status'],
    ['/status?x=1#frag', '/status?x=1'],
    ['/status;x', '/status'],
    ['/v1/download/track/1;jsessionid=2?a=b', '/v1/download/track/1?a=b'],
    ['/./status', '/status'],
    ['/v1/../status', '/status'],
    ['/%2e/status', '/status'],
    ['/x/%2E%2E/status', '/status'],
    ['/../../status', '/status'],
    ['/v1/download/./admin/stats', '/v1/download/admin/stats'],
    ['http://evil.example/status?x', '/status?x'],
    ['/assets/App.Js', '/assets/App.Js'],
    ['/file.name.js', '/file.name.js'],
    ['*', '*'],
  ])('%j → %j', (raw, want) => {
    expect(canonicalUrl(raw)).toBe(want);
  });
});
