import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileSecretStore } from './fileSecretStore';

const dirs: string[] = [];
const freshFile = () => {
  const d = mkdtempSync(join(tmpdir(), 'cassette-secrets-'));
  dirs.push(d);
  return join(d, 'headless-secrets.json');
};
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe('fileSecretStore', () => {
  it('replaces the file by rename, mode 0600, leaving no temp file behind', async () => {
    const file = freshFile();
    const store = fileSecretStore(file);
    await store.set('a', '1');
    const before = statSync(file).ino;
    await store.set('b', '2');
    expect(statSync(file).ino).not.toBe(before);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(file, '..'))).toEqual(['headless-secrets.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: '1', b: '2' });
  });

  it('keeps every secret when several are stored at once', async () => {
    const store = fileSecretStore(freshFile());
    await Promise.all(Array.from({ length: 12 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    for (let i = 0; i < 12; i++) expect(await store.get(`k${i}`)).toBe(`v${i}`);
  });

  it('refuses a damaged file with a typed error naming it, and leaves it as it was', async () => {
    const file = freshFile();
    writeFileSync(file, '{"qobuz.token": "abc"');
    const store = fileSecretStore(file);
    await expect(store.set('k', 'v')).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(file) });
    await expect(store.get('qobuz.token')).rejects.toThrow(/damaged/);
    expect(readFileSync(file, 'utf8')).toBe('{"qobuz.token": "abc"');
  });
});
