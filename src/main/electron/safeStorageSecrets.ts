// SecretStore on Electron's safeStorage: values encrypted by the OS keychain, kept in one file in the data dir.
import { safeStorage } from 'electron';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretStore } from '../base';

export function safeStorageSecrets(file: string): SecretStore {
  const load = async (): Promise<Record<string, string>> => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const save = async (all: Record<string, string>) => {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(all), { mode: 0o600 });
  };
  return {
    async get(name) {
      const v = (await load())[name];
      return v ? safeStorage.decryptString(Buffer.from(v, 'base64')) : undefined;
    },
    async set(name, value) {
      const all = await load();
      all[name] = safeStorage.encryptString(value).toString('base64');
      await save(all);
    },
    async delete(name) {
      const all = await load();
      delete all[name];
      await save(all);
    },
  };
}
