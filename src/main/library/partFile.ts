// `.part` files: where bytes live until a file is complete and verified. They sit beside their target (same
// folder, so the final rename stays on one volume) and are swept at start-up after a crash.
import { lstat, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fsErrorCode } from './fsErrorCode';

export const PART_SUFFIX = '.part';

/** `target + '.part'`, in the same folder as the target. */
export function partPathFor(target: string): string {
  return target + PART_SUFFIX;
}

export function isPartFile(path: string): boolean {
  return path.endsWith(PART_SUFFIX);
}

export interface StalePartOptions {
  /** Only remove `.part` files not modified for this long (keeps in-flight or resumable downloads). */
  olderThanMs?: number;
  /** Return true to keep a file, e.g. a `.part` the queue will resume with a Range request. */
  keep?: (path: string) => boolean;
  /** Injectable clock for tests. */
  now?: () => number;
}

/**
 * Deletes leftover `.part` files under `dir` (recursively; symlinks are not followed).
 * Returns the removed paths. A missing `dir` is not an error.
 */
export async function removeStalePartFiles(dir: string, options: StalePartOptions = {}): Promise<string[]> {
  const removed: string[] = [];
  const now = options.now ?? Date.now;
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (err) {
      if (['ENOENT', 'ENOTDIR', 'EACCES'].includes(fsErrorCode(err) ?? '')) continue;
      throw err;
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        pending.push(path);
        continue;
      }
      if (!entry.isFile() || !isPartFile(entry.name)) continue;
      if (options.keep?.(path)) continue;
      if (options.olderThanMs !== undefined) {
        const info = await lstat(path).catch(() => undefined);
        if (!info || now() - info.mtimeMs < options.olderThanMs) continue;
      }
      try {
        await unlink(path);
        removed.push(path);
      } catch (err) {
        if (fsErrorCode(err) !== 'ENOENT') throw err;
      }
    }
  }
  return removed;
}
