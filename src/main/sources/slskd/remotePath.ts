// What a Soulseek path tells us: artist, title and album guessed from `Share\Artist\Album\01 - Title.flac`
// (and its many variants), and where slskd stores the file locally. Pure.
import { join } from 'node:path';

export interface ParsedRemotePath {
  /** Path segments without the file name, outermost first. */
  folders: string[];
  fileName: string;
  /** Lower-case extension without the dot ('' when none). */
  ext: string;
  artist?: string;
  title: string;
  album?: string;
  trackNumber?: number;
}

const DISC_FOLDER = /^(?:cd|disc|disk)\s*\d+$/i;
const LEADING_TRACK = /^\s*(?:(\d{1,2})[-.](\d{1,3})\s*[-._)]?\s*|(\d{1,3})\s*[-._)]\s*|(\d{2,3})\s+)/;

export function splitRemotePath(remote: string): string[] {
  return remote.split(/[\\/]+/).filter((p) => p.length > 0);
}

export function parseRemotePath(remote: string): ParsedRemotePath {
  const parts = splitRemotePath(remote);
  const fileName = parts[parts.length - 1] ?? remote;
  const folders = parts.slice(0, -1);
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  let stem = dot > 0 ? fileName.slice(0, dot) : fileName;

  let trackNumber: number | undefined;
  const track = stem.match(LEADING_TRACK);
  if (track && track[0].length < stem.length) {
    trackNumber = Number(track[2] ?? track[3] ?? track[4]);
    stem = stem.slice(track[0].length);
  }

  // Album folder: the parent, skipping "CD1"/"Disc 2".
  const albumIdx = folders.length - 1 - (DISC_FOLDER.test(folders[folders.length - 1] ?? '') ? 1 : 0);
  const albumFolder = folders[albumIdx];
  const artistFolder = folders[albumIdx - 1];

  let artist: string | undefined;
  let title = stem.trim();
  const dashed = stem.split(/\s+-\s+/).map((s) => s.trim()).filter(Boolean);
  if (dashed.length >= 2) {
    artist = dashed[0];
    title = dashed.slice(1).join(' - ');
  }

  let album: string | undefined = albumFolder;
  if (albumFolder) {
    // "Artist - Album", "Artist - 1999 - Album", "Artist - Album (1999) [FLAC]"
    const m = albumFolder.split(/\s+-\s+/);
    if (m.length >= 2) {
      artist ??= m[0]?.trim();
      album = m[m.length - 1]?.trim();
    }
  }
  artist ??= artistFolder?.trim();
  // `Share\Artist\Artist - Title.mp3`: the parent folder is the artist, not an album.
  if (album && artist && album.toLowerCase() === artist.toLowerCase()) album = undefined;

  return { folders, fileName, ext, artist: artist || undefined, title, album, trackNumber };
}

/** `<downloadsDir>/<remote parent folder>/<file name>` — where slskd writes a finished download. */
export function localDownloadPath(downloadsDir: string, remote: string): string {
  const parts = splitRemotePath(remote);
  const name = parts[parts.length - 1] ?? remote;
  const folder = parts.length >= 2 ? (parts[parts.length - 2] ?? '') : '';
  return join(downloadsDir, folder, name);
}
