// The album's picture as `cover.jpg` beside its files, as Matched Download leaves it: written under a part name
// and renamed, once per folder — a cover already there (the person's own, or another track's) is kept.
import { stat, writeFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ownPartWriter, partPathFor } from './partFile';
import type { CoverArt } from './tags';

export const COVER_FILE = 'cover.jpg';

/** Writes `dir/cover.jpg` unless one is there; resolves with its path when this call wrote it. */
export async function writeCoverFile(dir: string, cover: CoverArt): Promise<string | undefined> {
  const coverFile = join(dir, COVER_FILE);
  if (await stat(coverFile).then((s) => s.isFile(), () => false)) return undefined;
  const part = partPathFor(coverFile, ownPartWriter());
  try {
    await writeFile(part, cover.data);
    await rename(part, coverFile);
  } catch (e) {
    await rm(part, { force: true });
    throw e;
  }
  return coverFile;
}
