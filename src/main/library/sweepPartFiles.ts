// Start-up clean-up of what a crash leaves behind: Cassette's own part files (and the tagging or transcoding
// copies beside them) whose writer is gone. Files of a writer still running — another Cassette process syncing
// into the same folder — stay, and so does a part a source will resume from. Nothing else is ever touched: other
// programs' `.part` files are not Cassette's to delete.
import { readdir, unlink } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { fsErrorCode } from './fsErrorCode';
import { RESUME_RECORD_SUFFIX } from '../net';
import { parsePartFile, type ParsedPartFile } from './partFile';

export interface SweepPartFilesOptions {
  /** Whether the process a part file names as its writer still runs (see `partWriterToken`). */
  isWriterAlive(writer: string): boolean;
  /** True for a part a later attempt resumes from (Range), whoever wrote it. Derived copies are never kept (its resume record is). */
  resumable?(part: ParsedPartFile, path: string): boolean;
}

/**
 * Walks each root (recursively, symlinks not followed) and deletes the leftover part files. Returns the removed
 * paths. Missing or unreadable folders are skipped.
 */
export async function sweepPartFiles(roots: readonly string[], o: SweepPartFilesOptions): Promise<string[]> {
  const removed: string[] = [];
  for (const root of outermost(roots)) {
    const pending = [root];
    while (pending.length) {
      const dir = pending.pop()!;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (err) {
        if (['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM'].includes(fsErrorCode(err) ?? '')) continue;
        throw err;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          pending.push(path);
          continue;
        }
        if (!entry.isFile()) continue;
        const part = parsePartFile(path);
        if (!part || o.isWriterAlive(part.writer)) continue;
        // A kept part keeps its resume record too: without it the next attempt could not resume.
        if ((!part.derived || part.derived === RESUME_RECORD_SUFFIX) && o.resumable?.(part, path)) continue;
        try {
          await unlink(path);
          removed.push(path);
        } catch (err) {
          if (fsErrorCode(err) !== 'ENOENT') throw err;
        }
      }
    }
  }
  return removed;
}

/** Roots without those inside another root, so no folder is walked twice. */
function outermost(roots: readonly string[]): string[] {
  const sorted = [...new Set(roots.map((r) => resolve(r)))].sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const r of sorted) if (!out.some((o) => r === o || r.startsWith(o.endsWith(sep) ? o : o + sep))) out.push(r);
  return out;
}
