// Where slskd will put one download, and which files there are ours. slskd writes to
// `<downloads>/<remote parent folder>/<file name>`, and when that name is taken it appends `_<ticks>` before the
// extension. We snapshot the folder before enqueueing so we only ever pick up — or delete — files this download
// wrote, never a file that was already there.
import { readdir, realpath, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, sep } from 'node:path';
import { localDownloadPath, UnsafeRemotePathError } from './remotePath';

export class DownloadTarget {
  private constructor(
    /** The path slskd uses when the name is free. */
    readonly expected: string,
    private readonly before: ReadonlyMap<string, number>,
    private readonly dirExisted: boolean,
  ) {}

  /** Throws UnsafeRemotePathError when the peer's path would lead outside `downloadsDir`. */
  static async snapshot(downloadsDir: string, remoteFilename: string): Promise<DownloadTarget> {
    const expected = await safeLocalPath(downloadsDir, remoteFilename);
    const dirExisted = await exists(dirname(expected));
    const before = new Map<string, number>();
    for (const p of await variants(expected)) {
      const s = await stat(p).catch(() => undefined);
      if (s) before.set(p, s.mtimeMs);
    }
    return new DownloadTarget(expected, before, dirExisted);
  }

  /** For a transfer picked up after a restart: nothing is known about the folder before it started. */
  static async unknownHistory(downloadsDir: string, remoteFilename: string): Promise<DownloadTarget> {
    return new DownloadTarget(await safeLocalPath(downloadsDir, remoteFilename), new Map(), true);
  }

  /** Files (the expected name or a `_<ticks>` variant) created or modified since the snapshot. */
  async written(): Promise<string[]> {
    const out: { path: string; mtime: number }[] = [];
    for (const p of await variants(this.expected)) {
      const s = await stat(p).catch(() => undefined);
      if (!s?.isFile()) continue;
      const was = this.before.get(p);
      if (was === undefined || s.mtimeMs !== was) out.push({ path: p, mtime: s.mtimeMs });
    }
    return out.sort((a, b) => b.mtime - a.mtime).map((f) => f.path);
  }

  /** The finished file: ours, preferably of the announced size, newest first. */
  async locate(expectedSize?: number): Promise<string | undefined> {
    const mine = await this.written();
    if (expectedSize !== undefined) {
      for (const p of mine) if ((await stat(p).catch(() => undefined))?.size === expectedSize) return p;
    }
    return mine[0];
  }

  /** Deletes what this download wrote (partial or rejected files), and the folder if we caused it and it is empty. */
  async removeWritten(): Promise<void> {
    for (const p of await this.written()) await rm(p, { force: true });
    if (!this.dirExisted) await rmdir(dirname(this.expected)).catch(() => undefined);
  }
}

/**
 * The local path of a remote file, checked on the real file system: the deepest existing folder on the way is
 * resolved through symlinks and must still be inside the (resolved) downloads folder.
 */
export async function safeLocalPath(downloadsDir: string, remoteFilename: string): Promise<string> {
  const path = localDownloadPath(downloadsDir, remoteFilename);
  if (!(await realpathInside(downloadsDir, path))) {
    throw new UnsafeRemotePathError(remoteFilename, 'a folder on the way links outside the downloads folder');
  }
  return path;
}

/** Is `path` (which may not exist yet) inside `root` once every existing component is resolved? */
export async function realpathInside(root: string, path: string): Promise<boolean> {
  const realRoot = await realpath(root).catch(() => root);
  let existing = path;
  let rest = '';
  for (;;) {
    const resolved = await realpath(existing).catch(() => undefined);
    if (resolved !== undefined) {
      const rel = relative(realRoot, join(resolved, rest));
      return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
    }
    const parent = dirname(existing);
    if (parent === existing) return false;
    rest = join(basename(existing), rest);
    existing = parent;
  }
}

async function variants(expected: string): Promise<string[]> {
  const dir = dirname(expected);
  const name = basename(expected);
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return [];
  }
  const suffixed = new RegExp(`^${escapeRe(stem)}_\\d+${escapeRe(ext)}$`);
  return entries.filter((e) => e === name || suffixed.test(e)).map((e) => join(dir, e));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exists = (p: string) => stat(p).then(() => true, () => false);
