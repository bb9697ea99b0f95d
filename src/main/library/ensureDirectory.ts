// Creates a folder and its missing parents with a bounded walk. Node's `mkdir(..., { recursive: true })` never
// returns on pseudo-filesystems such as /proc: mkdir answers ENOENT although the parent exists, and Node's
// recursive algorithm goes up to the parent, finds it, comes back down and tries again, forever (on the main
// thread for mkdirSync, holding a thread-pool thread for the async form). Here every level is one plain mkdir.
import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fsErrorCode } from './fsErrorCode';

/** More levels than any real library path has; a path deeper than this is refused rather than walked. */
export const MAX_DIRECTORY_DEPTH = 64;

export class EnsureDirectoryError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EnsureDirectoryError';
  }
}

/** `mkdir -p` that always ends: at most one stat and one mkdir per missing level, at most MAX_DIRECTORY_DEPTH. */
export async function ensureDirectory(dir: string): Promise<void> {
  const target = resolve(dir);
  const missing: string[] = [];
  let current = target;
  for (let depth = 0; ; depth++) {
    if (depth > MAX_DIRECTORY_DEPTH) throw new EnsureDirectoryError(target, 'ENAMETOOLONG', `The folder ${target} is nested too deeply.`);
    const kind = await kindOf(current);
    if (kind === 'directory') break;
    if (kind === 'other') throw new EnsureDirectoryError(current, 'ENOTDIR', `${current} exists and is not a folder.`);
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing.reverse()) {
    try {
      await mkdir(path);
    } catch (e) {
      const code = fsErrorCode(e) ?? 'EIO';
      // Another writer created it between our stat and mkdir: fine if it is a folder.
      if (code === 'EEXIST' && (await kindOf(path)) === 'directory') continue;
      throw new EnsureDirectoryError(path, code, `Could not create the folder ${path} (${code}).`);
    }
  }
}

async function kindOf(path: string): Promise<'directory' | 'other' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'other';
  } catch (e) {
    const code = fsErrorCode(e);
    // ENOTDIR: a file on the way; the walk up finds it and says so.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw new EnsureDirectoryError(path, code ?? 'EIO', `Could not read ${path} (${code ?? 'EIO'}).`);
  }
}

/**
 * The same walk, synchronous, for start-up before anything else runs (the catalog's own folder). Not for use
 * while serving: it blocks for as long as the file system takes.
 */
export function ensureDirectorySync(dir: string): void {
  const target = resolve(dir);
  const missing: string[] = [];
  let current = target;
  for (let depth = 0; ; depth++) {
    if (depth > MAX_DIRECTORY_DEPTH) throw new EnsureDirectoryError(target, 'ENAMETOOLONG', `The folder ${target} is nested too deeply.`);
    const kind = kindOfSync(current);
    if (kind === 'directory') break;
    if (kind === 'other') throw new EnsureDirectoryError(current, 'ENOTDIR', `${current} exists and is not a folder.`);
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (e) {
      const code = fsErrorCode(e) ?? 'EIO';
      if (code === 'EEXIST' && kindOfSync(path) === 'directory') continue;
      throw new EnsureDirectoryError(path, code, `Could not create the folder ${path} (${code}).`);
    }
  }
}

function kindOfSync(path: string): 'directory' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch (e) {
    const code = fsErrorCode(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw new EnsureDirectoryError(path, code ?? 'EIO', `Could not read ${path} (${code ?? 'EIO'}).`);
  }
}
