// SecretStore for hosts without an OS keychain (headless server, CLI): one JSON file, mode 0600, written atomically.
// The values are plain text on disk, so the first write in a process logs one warning saying where they live.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Logger, SecretStore } from '../base';

/** Not the Electron store's file (`secrets.json` holds safeStorage ciphertext there). */
export const HEADLESS_SECRETS_FILE = 'headless-secrets.json';

const fileSchema = z.record(z.string(), z.string());

export function fileSecretStore(file: string, logger?: Pick<Logger, 'warn'>): SecretStore {
  let warned = false;
  const load = async (): Promise<Record<string, string>> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return {};
      throw e;
    }
    const parsed = fileSchema.safeParse(safeJson(text));
    // A damaged file must not take other secrets down with it on the next write: refuse instead.
    if (!parsed.success) throw new Error(`The secrets file ${file} is damaged; fix or delete it.`);
    return parsed.data;
  };
  const save = async (all: Record<string, string>): Promise<void> => {
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
    await chmod(tmp, 0o600); // writeFile's mode is subject to the umask and ignored for existing files
    await rename(tmp, file);
  };
  return {
    async get(name) {
      return (await load())[name];
    },
    async set(name, value) {
      if (!warned) {
        warned = true;
        logger?.warn(`No OS keychain on this host: secrets are kept unencrypted in ${file} (readable only by you, mode 0600).`);
      }
      const all = await load();
      all[name] = value;
      await save(all);
    },
    async delete(name) {
      const all = await load();
      if (!(name in all)) return;
      delete all[name];
      await save(all);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
