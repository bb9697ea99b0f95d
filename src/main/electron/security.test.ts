import { describe, expect, it } from 'vitest';
import { isTrustedSender, openExternalUrl } from './security';

describe('Electron shell security rules', () => {
  it.each([
    ['https://www.qobuz.com/signin', true],
    ['http://127.0.0.1:5030/', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://server/share', false],
    ['not a url', false],
  ])('opens %s externally: %s', async (url, allowed) => {
    const opened: string[] = [];
    expect(await openExternalUrl(url, async (u) => void opened.push(u))).toBe(allowed);
    expect(opened.length).toBe(allowed ? 1 : 0);
  });

  it.each([
    ['app://cassette/index.html', true],
    ['app://cassette/', true],
    ['app://evil/index.html', false],
    ['https://cassette/index.html', false],
    ['file:///home/user/cassette/out/renderer/index.html', false],
    [undefined, false],
  ])('answers IPC from %s: %s', (url, trusted) => {
    expect(isTrustedSender(url)).toBe(trusted);
  });
});
