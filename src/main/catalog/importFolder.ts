// `cassette import <folder>`: an existing music folder becomes downloaded tracks in the catalog.
import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve, basename, dirname } from 'node:path';
import { parseFile } from 'music-metadata';
import { AppError } from '../../shared/result';
import type { CatalogStore } from './catalogStore';

export const AUDIO_EXTENSIONS = new Set(['.mp3', '.flac', '.m4a', '.ogg', '.opus', '.wav', '.aac', '.wma', '.aiff', '.aif']);

export interface ImportProgress {
  scanned: number;
  total: number;
  current?: string;
}

export interface ImportReport {
  folder: string;
  imported: number;
  skipped: { path: string; reason: string }[];
}

export async function listAudioFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && AUDIO_EXTENSIONS.has(extname(e.name).toLowerCase()) && !e.name.startsWith('._'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export async function importFolder(
  catalog: CatalogStore,
  folder: string,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<ImportReport> {
  const root = resolve(folder);
  const st = await stat(root).catch(() => null);
  if (!st?.isDirectory()) throw new AppError('invalid_input', `Not a folder: ${root}`);
  const files = await listAudioFiles(root);
  const report: ImportReport = { folder: root, imported: 0, skipped: [] };
  let scanned = 0;
  for (const file of files) {
    scanned++;
    if (scanned % 25 === 0 || scanned === files.length) onProgress({ scanned, total: files.length, current: file });
    try {
      const [meta, fst] = await Promise.all([parseFile(file, { duration: false, skipCovers: true }), stat(file)]);
      const c = meta.common;
      const artistName = c.artist ?? c.albumartist ?? guessArtist(file) ?? 'Unknown Artist';
      const title = c.title ?? basename(file, extname(file));
      const albumId = c.album
        ? catalog.upsertAlbum({
            title: c.album,
            artist: { name: c.albumartist ?? artistName },
            releaseDate: c.date ?? (c.year ? String(c.year) : undefined),
            trackCount: c.track.of ?? undefined,
            discCount: c.disk.of ?? undefined,
            genre: c.genre?.[0],
            isCompilation: c.compilation ?? false,
          })
        : null;
      catalog.upsertTrack({
        title,
        artist: { name: artistName },
        albumId,
        trackNumber: c.track.no ?? undefined,
        discNumber: c.disk.no ?? undefined,
        durationSec: meta.format.duration,
        isrc: c.isrc?.[0],
        source: 'import',
        localPath: file,
        sizeBytes: fst.size,
      });
      report.imported++;
    } catch (e) {
      report.skipped.push({ path: file, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return report;
}

/** "Artist - Title.mp3" or ".../Artist/Album/file": a last resort when tags are empty. */
function guessArtist(file: string): string | undefined {
  const name = basename(file, extname(file));
  const dash = name.indexOf(' - ');
  if (dash > 0) return name.slice(0, dash).replace(/^\d+\s*/, '').trim() || undefined;
  const parent = basename(dirname(dirname(file)));
  return parent || undefined;
}
