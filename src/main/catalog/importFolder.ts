// `cassette import <folder>`: an existing music folder becomes downloaded tracks in the catalog. Every file is
// probed (it decodes and has a duration) before it counts; files already imported and untouched since (same
// size and modification time) are reported unchanged without decoding them again.
import { readdir, stat } from 'node:fs/promises';
import { extname, join, basename, isAbsolute, relative, sep } from 'node:path';
import { AppError } from '../../shared/result';
import { readAudioMetadata, type AudioInfo } from '../library';
import type { CatalogStore } from './catalogStore';

export const AUDIO_EXTENSIONS = new Set(['.mp3', '.flac', '.m4a', '.ogg', '.opus', '.wav', '.aac', '.wma', '.aiff', '.aif']);

export interface ImportProgress {
  scanned: number;
  total: number;
  current?: string;
}

/** Where a track's artist and album came from: its tags, its Artist/Album/ folders, or nowhere. */
export type MetadataSource = 'tags' | 'folder' | 'none';

export interface ImportReport {
  folder: string;
  /** Files that became new catalog tracks. */
  added: number;
  /** Files already in the catalog whose file changed since the last import, or that fill a track it knew. */
  updated: number;
  /** Files already in the catalog, untouched since. */
  unchanged: number;
  skipped: { path: string; reason: string }[];
}

/** Probes a file: resolves with what it holds, rejects with a reason a person can read. */
export type ProbeAudio = (path: string, ext: string) => Promise<Pick<AudioInfo, 'durationSec'>>;

export interface ImportOptions {
  probe: ProbeAudio;
  onProgress?: (p: ImportProgress) => void;
}

export async function listAudioFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && AUDIO_EXTENSIONS.has(extname(e.name).toLowerCase()) && !e.name.startsWith('._'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

interface KnownFile {
  id: number;
  size_bytes: number | null;
  file_mtime_ms: number | null;
  status: string;
}

export async function importFolder(catalog: CatalogStore, folder: string, options: ImportOptions): Promise<ImportReport> {
  if (!isAbsolute(folder)) throw new AppError('invalid_input', `"${folder}" is not a full path.`);
  const root = folder;
  const st = await stat(root).catch(() => null);
  if (!st?.isDirectory()) throw new AppError('invalid_input', `Not a folder: ${root}`);
  const files = await listAudioFiles(root);
  const report: ImportReport = { folder: root, added: 0, updated: 0, unchanged: 0, skipped: [] };
  const db = catalog.db;
  const known = db.prepare('SELECT id, size_bytes, file_mtime_ms, status FROM tracks WHERE local_path = ?');
  const maxId = db.prepare('SELECT coalesce(max(id), 0) AS n FROM tracks');
  const setFacts = db.prepare('UPDATE tracks SET metadata_source = ?, file_mtime_ms = ? WHERE id = ?');
  let scanned = 0;
  for (const file of files) {
    scanned++;
    if (scanned % 25 === 0 || scanned === files.length) options.onProgress?.({ scanned, total: files.length, current: file });
    const fst = await stat(file).catch(() => null);
    if (!fst) {
      report.skipped.push({ path: file, reason: 'The file disappeared while importing.' });
      continue;
    }
    const mtime = Math.trunc(fst.mtimeMs);
    const before = known.get(file) as KnownFile | undefined;
    if (before && before.status === 'downloaded' && before.size_bytes === fst.size && before.file_mtime_ms === mtime) {
      report.unchanged++;
      continue;
    }
    let durationSec: number;
    try {
      ({ durationSec } = await options.probe(file, extname(file).slice(1).toLowerCase()));
    } catch (e) {
      report.skipped.push({ path: file, reason: e instanceof Error ? e.message : String(e) });
      continue;
    }
    let c;
    try {
      c = (await readAudioMetadata(file, { duration: false, skipCovers: true })).common;
    } catch (e) {
      report.skipped.push({ path: file, reason: `Its tags cannot be read (${e instanceof Error ? e.message : String(e)}).` });
      continue;
    }
    const fromTags = Boolean(c.artist || c.albumartist || c.album);
    const fromFolder = fromTags ? undefined : folderLayout(root, file);
    const metadataSource: MetadataSource = fromTags ? 'tags' : fromFolder ? 'folder' : 'none';
    const artistName = c.artist ?? c.albumartist ?? fromFolder?.artist ?? 'Unknown Artist';
    const albumTitle = c.album ?? fromFolder?.album;
    const title = c.title ?? titleFromFileName(file);
    const highestBefore = (maxId.get() as { n: number }).n;
    const albumId = albumTitle
      ? catalog.upsertAlbum({
          title: albumTitle,
          artist: { name: c.albumartist ?? artistName },
          releaseDate: c.date ?? (c.year ? String(c.year) : undefined),
          trackCount: c.track.of ?? undefined,
          discCount: c.disk.of ?? undefined,
          genre: c.genre?.[0],
          isCompilation: c.compilation ?? false,
        })
      : null;
    const id = catalog.upsertTrack({
      title,
      artist: { name: artistName },
      albumId,
      trackNumber: c.track.no ?? undefined,
      discNumber: c.disk.no ?? undefined,
      durationSec,
      isrc: c.isrc?.[0],
      source: 'import',
      localPath: file,
      sizeBytes: fst.size,
    });
    setFacts.run(metadataSource, mtime, id);
    // A track the catalog already knew (missing, or filed elsewhere) that this file now fills is an update.
    if (!before && id > highestBefore) report.added++;
    else report.updated++;
  }
  return report;
}

/**
 * Artist and album from the folders, only when the file sits exactly at <root>/Artist/Album/file: deeper
 * (disc folders, collections) or shallower layouts are ambiguous and give nothing.
 */
export function folderLayout(root: string, file: string): { artist: string; album: string } | undefined {
  const parts = relative(root, file).split(sep);
  if (parts.length !== 3) return undefined;
  const [artist, album] = parts as [string, string, string];
  if (!artist.trim() || !album.trim()) return undefined;
  return { artist: artist.trim(), album: album.trim() };
}

/** "03 - Title.mp3" / "03 Title.flac" → "Title". */
export function titleFromFileName(file: string): string {
  const stem = basename(file, extname(file));
  return stem.replace(/^\d{1,3}\s*(?:[-.]\s*)?(?=\S)/, '').trim() || stem;
}
