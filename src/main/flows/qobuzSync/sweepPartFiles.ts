// Removes what an interrupted sync can leave in the sync folder: `.part` downloads (and their `.part.tagging.part`
// copies) and the `.part.flac` staging file of a FLAC → MP3 transcode. Files still being written are kept.
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const LEFTOVER = /\.part(\.flac)?$/;

export async function sweepPartFiles(root: string, keep: (path: string) => boolean = () => false): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return [];
    throw e;
  }
  const removed: string[] = [];
  for (const e of entries) {
    if (!e.isFile() || !LEFTOVER.test(e.name)) continue;
    const path = join(e.parentPath, e.name);
    if (keep(path)) continue;
    try {
      await unlink(path);
      removed.push(path);
    } catch (err) {
      if ((err as { code?: string }).code !== 'ENOENT') throw err;
    }
  }
  return removed;
}
