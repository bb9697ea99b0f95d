// The one on-disk shape both secret stores share: a JSON object of name → string, mode 0600.
// Reads refuse a damaged file instead of treating it as empty, because the next write would then wipe every
// other secret in it. Writes go to a temp file beside it, are fsynced, then renamed over it, so a crash or a
// full disk leaves either the old file or the new one, never a half-written one.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/result';

const secretsFileSchema = z.record(z.string(), z.string());

export type SecretsRecord = Record<string, string>;

/** The file's entries; `{}` only when the file does not exist. */
export async function readSecretsFile(file: string): Promise<SecretsRecord> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new AppError('unavailable', `Cannot read the secrets file ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check its permissions.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged(file, 'it is not valid JSON');
  }
  const parsed = secretsFileSchema.safeParse(json);
  if (!parsed.success) throw damaged(file, 'it is not a list of named secrets');
  return parsed.data;
}

/** Replaces the file with `all`, atomically and durably. */
export async function writeSecretsFile(file: string, all: SecretsRecord): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(all, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(tmp, 0o600); // open's mode is filtered by the umask
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw new AppError('disk_full', `The disk holding ${file} is full; the secret was not saved and the file is unchanged. Free some space and try again.`);
    }
    throw new AppError('unavailable', `Cannot save the secrets file ${file} (${code ?? 'error'}); the file is unchanged. Check that ${dir} is writable.`);
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable. Windows cannot open a directory, and there the rename is already durable. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems (network mounts) refuse fsync on a directory; the data itself is already synced.
  } finally {
    await handle.close();
  }
}

function damaged(file: string, why: string): AppError {
  return new AppError(
    'conflict',
    `The secrets file ${file} is damaged (${why}), so Cassette left it untouched and stores nothing until it is fixed. ` +
      `Repair it, or move ${basename(file)} aside and sign in to your services again.`,
  );
}

/** Runs store operations one after another, so two writes in one process never lose each other's change. */
export function serialised(): <T>(op: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(op: () => Promise<T>): Promise<T> => {
    const run = tail.then(op, op);
    tail = run.catch(() => undefined);
    return run;
  };
}
