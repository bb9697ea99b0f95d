// What an album's cover depends on, as one hash: each of its files on disk (path, size, mtime) and each folder
// image beside them. A cached answer — a cover or "none" — holds while the hash does; retagging a track, adding
// a cover.jpg or replacing one changes it. Costs one stat per file and one listing per folder, no reading.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { listFolderImages } from './findAlbumArt';
import { THUMBNAIL_VERSION } from './coverThumbnails';

export interface AlbumArtInputs {
  fingerprint: string;
  /** The album's files that are on disk, in the order given. */
  tracks: string[];
  /** Folder images beside them, best first. */
  images: string[];
}

type Stamp = [path: string, size: number, mtimeMs: number];

async function stamp(path: string): Promise<Stamp | undefined> {
  const s = await stat(path).catch(() => undefined);
  return s?.isFile() ? [path, s.size, Math.trunc(s.mtimeMs)] : undefined;
}

export async function albumArtInputs(files: readonly string[]): Promise<AlbumArtInputs> {
  const trackStamps = (await Promise.all(files.map(stamp))).filter((s): s is Stamp => s !== undefined);
  const dirs = [...new Set(trackStamps.map(([p]) => dirname(p)))];
  const imageStamps = (await Promise.all((await listFolderImages(dirs)).map(stamp))).filter((s): s is Stamp => s !== undefined);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ v: THUMBNAIL_VERSION, tracks: trackStamps, images: imageStamps }))
    .digest('hex')
    .slice(0, 32);
  return { fingerprint, tracks: trackStamps.map(([p]) => p), images: imageStamps.map(([p]) => p) };
}
