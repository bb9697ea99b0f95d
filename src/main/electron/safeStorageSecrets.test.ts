import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { safeStorageSecrets, type SafeStorageCapability } from './safeStorageSecrets';

const dirs: string[] = [];
const freshFile = () => {
  const d = mkdtempSync(join(tmpdir(), 'cassette-safe-'));
  dirs.push(d);
  return join(d, 'secrets.json');
};
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A stand-in keychain: reversible, and the plain text never appears in its output. */
function fakeKeychain(available = true): SafeStorageCapability & { available: boolean } {
  return {
    available,
    isEncryptionAvailable() {
      return this.available;
    },
    encryptString: (plain) => Buffer.from(`enc:${Buffer.from(plain).toString('hex')}`),
    decryptString: (enc) => {
      const s = enc.toString();
      if (!s.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(s.slice(4), 'hex').toString();
    },
  };
}

describe('safeStorageSecrets', () => {
  it('stores values encrypted, reads them back, and deletes them', async () => {
    const file = freshFile();
    const store = safeStorageSecrets(file, fakeKeychain());
    await store.set('qobuz.token', 'tok-123');
    await store.set('slskd.apiKey', 'key-456');
    expect(await store.get('qobuz.token')).toBe('tok-123');
    expect(readFileSync(file, 'utf8')).not.toContain('tok-123');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await store.delete('qobuz.token');
    expect(await store.get('qobuz.token')).toBeUndefined();
    expect(await store.get('slskd.apiKey')).toBe('key-456');
  });

  it('refuses a damaged file, naming it, and never overwrites the secrets in it', async () => {
    const file = freshFile();
    const damaged = '{"slskd.apiKey":"ZW5jOjY=", "qobuz.tok';
    writeFileSync(file, damaged);
    const store = safeStorageSecrets(file, fakeKeychain());
    await expect(store.set('tickets.token', 't')).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(file) });
    await expect(store.delete('slskd.apiKey')).rejects.toThrow(/damaged/);
    await expect(store.get('slskd.apiKey')).rejects.toThrow(/damaged/);
    expect(readFileSync(file, 'utf8')).toBe(damaged);
  });

  it('refuses a file that is JSON but not a set of named secrets', async () => {
    const file = freshFile();
    writeFileSync(file, '["a", "b"]');
    await expect(safeStorageSecrets(file, fakeKeychain()).set('k', 'v')).rejects.toThrow(/damaged .*not a list of named secrets/);
    expect(readFileSync(file, 'utf8')).toBe('["a", "b"]');
  });

  it('refuses to store anything when the system has no keychain, instead of writing plain text', async () => {
    const file = freshFile();
    const keychain = fakeKeychain(false);
    const store = safeStorageSecrets(file, keychain);
    await expect(store.set('qobuz.token', 'tok-123')).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/no keychain/) });
    expect(readdirSync(join(file, '..'))).toEqual([]);
    keychain.available = true;
    await store.set('qobuz.token', 'tok-123');
    keychain.available = false;
    await expect(store.get('qobuz.token')).rejects.toThrow(/no keychain/);
    expect(await store.get('never.set')).toBeUndefined();
  });

  it('treats Linux without a keyring (the fixed-key basic_text backend) as no keychain', async () => {
    const file = freshFile();
    const store = safeStorageSecrets(file, { ...fakeKeychain(), isEncryptionAvailable: () => true, storageBackend: () => 'basic_text' });
    await expect(store.set('qobuz.token', 'tok-123')).rejects.toThrow(/no keychain .*GNOME Keyring or KWallet/);
    expect(readdirSync(join(file, '..'))).toEqual([]);
    const keyring = safeStorageSecrets(file, { ...fakeKeychain(), isEncryptionAvailable: () => true, storageBackend: () => 'gnome_libsecret' });
    await keyring.set('qobuz.token', 'tok-123');
    expect(await keyring.get('qobuz.token')).toBe('tok-123');
  });

  it('replaces the file by rename (a crash mid-write leaves the old file whole) and leaves no temp file', async () => {
    const file = freshFile();
    const store = safeStorageSecrets(file, fakeKeychain());
    await store.set('a', '1');
    const before = statSync(file).ino;
    await store.set('b', '2');
    expect(statSync(file).ino).not.toBe(before);
    expect(readdirSync(join(file, '..'))).toEqual(['secrets.json']);
  });

  it('keeps every secret when several are stored at once', async () => {
    const file = freshFile();
    const store = safeStorageSecrets(file, fakeKeychain());
    await Promise.all(Array.from({ length: 12 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    for (let i = 0; i < 12; i++) expect(await store.get(`k${i}`)).toBe(`v${i}`);
  });

  it('says which secret cannot be decrypted when the keychain changed', async () => {
    const file = freshFile();
    writeFileSync(file, JSON.stringify({ 'qobuz.token': Buffer.from('other-keychain').toString('base64') }));
    await expect(safeStorageSecrets(file, fakeKeychain()).get('qobuz.token')).rejects.toThrow(/"qobuz.token" .*cannot be decrypted.*Sign in again/);
  });
});
