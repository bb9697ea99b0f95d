// SecretStore for hosts without an OS keychain (headless server, CLI): one JSON file, mode 0600, written atomically.
// The values are plain text on disk, so the first write in a process logs one warning saying where they live.
import type { Logger, SecretStore } from '../base';
import { readSecretsFile, serialised, writeSecretsFile } from './secretsFile';

/** Not the Electron store's file (`secrets.json` holds safeStorage ciphertext there). */
export const HEADLESS_SECRETS_FILE = 'headless-secrets.json';

export function fileSecretStore(file: string, logger?: Pick<Logger, 'warn'>): SecretStore {
  let warned = false;
  const one = serialised();
  return {
    get: (name) => one(async () => (await readSecretsFile(file))[name]),
    set: (name, value) =>
      one(async () => {
        if (!warned) {
          warned = true;
          logger?.warn(`No OS keychain on this host: secrets are kept unencrypted in ${file} (readable only by you, mode 0600).`);
        }
        const all = await readSecretsFile(file);
        all[name] = value;
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
