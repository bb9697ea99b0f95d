// SecretStore on Electron's safeStorage: values encrypted with the OS keychain (Keychain, DPAPI, libsecret/kwallet),
// kept as base64 ciphertext in one file in the data dir. The capability is passed in so this runs under plain Node
// in tests; src/main/index.ts hands it Electron's `safeStorage`.
import { AppError } from '../../shared/result';
import { readSecretsFile, serialised, writeSecretsFile, type SecretStore } from '../core';

/** The part of Electron's `safeStorage` this store needs. */
export interface SafeStorageCapability {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /**
   * Linux only (`safeStorage.getSelectedStorageBackend`): 'basic_text' means no keyring was found and Electron
   * "encrypts" with a fixed key, which protects nothing, so it counts as no encryption.
   */
  storageBackend?(): string;
}

export function safeStorageSecrets(file: string, safeStorage: SafeStorageCapability): SecretStore {
  const one = serialised();
  const requireEncryption = (doing: string) => {
    // Never fall back to plain text, nor to Linux's fixed-key 'basic_text' backend.
    if (!safeStorage.isEncryptionAvailable() || safeStorage.storageBackend?.() === 'basic_text') {
      throw new AppError(
        'unavailable',
        `Cannot ${doing}: this system offers no keychain to encrypt secrets with (on Linux, install and unlock ` +
          'GNOME Keyring or KWallet). Nothing was stored; you can set the secret in the environment instead.',
      );
    }
  };
  return {
    get: (name) =>
      one(async () => {
        const stored = (await readSecretsFile(file))[name];
        if (stored === undefined) return undefined;
        requireEncryption(`read the secret "${name}"`);
        try {
          return safeStorage.decryptString(Buffer.from(stored, 'base64'));
        } catch {
          throw new AppError(
            'unavailable',
            `The secret "${name}" in ${file} cannot be decrypted with this system's keychain (it was saved under another ` +
              'user or keychain). Sign in again to replace it.',
          );
        }
      }),
    set: (name, value) =>
      one(async () => {
        requireEncryption(`store the secret "${name}"`);
        const all = await readSecretsFile(file);
        all[name] = safeStorage.encryptString(value).toString('base64');
        await writeSecretsFile(file, all);
      }),
    delete: (name) =>
      one(async () => {
        const all = await readSecretsFile(file);
        if (!(name in all)) return;
        delete all[name];
        await writeSecretsFile(file, all);
      }),
  };
}
