// One writer per sync folder: a sync holds `<folder>/.cassette-sync.lock` (pid, host, start time) while it runs.
// A second sync — another `qoget sync`, the app, with the same catalog or another — refuses with a message naming
// the holder. A lock whose process is gone (kill -9, power cut) is taken over. The file is created complete
// (written aside, then hard-linked into place, which fails if one exists), so a reader never sees half a lock.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../../../shared/result';
import { isWorkerRunning } from '../../queue';

export const FOLDER_LOCK_FILE = '.cassette-sync.lock';

const lockSchema = z.object({ pid: z.number().int().positive(), host: z.string(), startedAt: z.number(), nonce: z.string() });
type LockInfo = z.infer<typeof lockSchema>;

export interface FolderLock {
  path: string;
  /** Synchronous, so a sync can free its folder before it announces that it has finished. Idempotent. */
  release(): void;
}

export interface FolderLockOptions {
  /** Whether the `host:pid` holding a lock still runs (default: signal 0 on this host; other hosts count as alive). */
  isAlive?: (worker: string) => boolean;
  now?: () => number;
}

export async function acquireFolderLock(folder: string, o: FolderLockOptions = {}): Promise<FolderLock> {
  const path = join(folder, FOLDER_LOCK_FILE);
  const isAlive = o.isAlive ?? isWorkerRunning;
  const mine: LockInfo = { pid: process.pid, host: hostname(), startedAt: (o.now ?? Date.now)(), nonce: randomBytes(8).toString('hex') };
  const text = `${JSON.stringify(mine)}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createExclusive(path, text, mine.nonce)) return { path, release: () => releaseIfMine(path, mine.nonce) };
    const holder = await readLock(path);
    if (holder === 'gone') continue;
    if (holder && isAlive(`${holder.host}:${holder.pid}`)) {
      const elsewhere = holder.host !== hostname();
      throw new AppError(
        'conflict',
        `Another Cassette sync (process ${holder.pid} on ${holder.host}) is writing to ${folder}. Wait for it to finish` +
          (elsewhere ? `; if that process is gone, delete ${path}` : ' or stop it') + ', then sync again.',
      );
    }
    await takeOver(path, holder);
  }
  throw new AppError('conflict', `Could not lock ${folder} for the sync: other processes keep taking it. Try again.`);
}

async function createExclusive(path: string, text: string, nonce: string): Promise<boolean> {
  const temp = `${path}.${nonce}.tmp`;
  await writeFile(temp, text, { mode: 0o644 });
  try {
    await link(temp, path);
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === 'EEXIST') return false;
    throw e;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** The lock's holder; undefined when the file is damaged (treated as stale); 'gone' when it vanished meanwhile. */
async function readLock(path: string): Promise<LockInfo | undefined | 'gone'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return 'gone';
    throw e;
  }
  try {
    const parsed = lockSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Moves a stale lock aside and deletes it — unless, between our read and the move, another process took the lock
 * over and wrote a live one: then that one goes back.
 */
async function takeOver(path: string, stale: LockInfo | undefined): Promise<void> {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return;
    throw e;
  }
  const moved = await readLock(aside);
  const same = moved !== 'gone' && (moved === undefined ? stale === undefined : stale !== undefined && moved.nonce === stale.nonce);
  if (!same) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

function releaseIfMine(path: string, nonce: string): void {
  try {
    const parsed = lockSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success && parsed.data.nonce === nonce) unlinkSync(path);
  } catch {
    // Gone already, or not readable: nothing of ours to remove.
  }
}
