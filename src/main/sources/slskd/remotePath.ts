// What a Soulseek path tells us: artist, title and album guessed from `Share\Artist\Album\01 - Title.flac`
// (and its many variants), and where slskd stores the file locally — or why a peer's path is refused. Pure.
import path, { win32 } from 'node:path';
import { DownloadError } from '../../base';

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

export type LocalDownloadPath = { ok: true; path: string } | { ok: false; reason: string };

/** Longest name ext4, APFS and NTFS accept (UTF-8 bytes). */
const MAX_NAME_BYTES = 255;
// C0/C1 controls, NUL included: no file system stores them faithfully, and NUL truncates paths in native code.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Characters Windows forbids in a name; slskd replaces them with `_` there (Path.GetInvalidFileNameChars).
const WINDOWS_INVALID = /[<>:"|?*]/g;
const DRIVE = /^[a-z]:/i;

/**
 * Why one of the two remote segments slskd uses (parent folder, file name) cannot be a local name, or undefined
 * when it can. Checked on the NFKC form too, so look-alikes ("．．", "‥", fullwidth solidus) count as what they
 * mimic.
 */
export function unsafeSegment(segment: string): string | undefined {
  const folded = segment.normalize('NFKC');
  if (CONTROL.test(segment) || CONTROL.test(folded)) return 'contains a control character';
  if (/^[.\s]*$/u.test(folded)) return `is a relative segment (${JSON.stringify(segment)})`;
  if (/[\\/]/.test(folded)) return 'contains a path separator';
  if (DRIVE.test(folded)) return 'is a drive letter';
  if (Buffer.byteLength(segment, 'utf8') > MAX_NAME_BYTES) return `is longer than ${MAX_NAME_BYTES} bytes`;
  return undefined;
}

/**
 * `<downloadsDir>/<remote parent folder>/<file name>` — where slskd writes a finished download — or why a peer's
 * path must not be fetched: slskd joins the last two segments as they come, so `Share\..\x.mp3` would land
 * outside the downloads folder. The result is checked to stay strictly inside `downloadsDir` (lexically; the
 * caller checks symlinks with `realpathInside`).
 */
export function planLocalDownloadPath(downloadsDir: string, remote: string, platform: NodeJS.Platform = process.platform): LocalDownloadPath {
  const parts = splitRemotePath(remote);
  const name = parts[parts.length - 1];
  if (name === undefined) return { ok: false, reason: 'the path is empty' };
  const used = parts.length >= 2 ? [parts[parts.length - 2]!, name] : [name];
  for (const [i, segment] of used.entries()) {
    const why = unsafeSegment(segment);
    if (why) return { ok: false, reason: `its ${i === used.length - 1 ? 'file name' : 'folder name'} ${why}` };
  }
  const segments = platform === 'win32' ? used.map((s) => s.replace(WINDOWS_INVALID, '_')) : used;
  const p = platform === 'win32' ? win32 : path;
  const local = p.join(downloadsDir, ...segments);
  const rel = p.relative(downloadsDir, local);
  if (rel === '' || rel === '..' || rel.startsWith(`..${p.sep}`) || p.isAbsolute(rel)) {
    return { ok: false, reason: 'it points outside the downloads folder' };
  }
  return { ok: true, path: local };
}

/** Thrown for a peer path that must not be fetched (see planLocalDownloadPath). */
export class UnsafeRemotePathError extends DownloadError {
  constructor(remote: string, reason: string) {
    super('rejected', `Refused the Soulseek path ${JSON.stringify(remote.slice(0, 300))}: ${reason}.`);
    this.name = 'UnsafeRemotePathError';
  }
}

/** `<downloadsDir>/<remote parent folder>/<file name>`; throws UnsafeRemotePathError for a hostile path. */
export function localDownloadPath(downloadsDir: string, remote: string): string {
  const planned = planLocalDownloadPath(downloadsDir, remote);
  if (!planned.ok) throw new UnsafeRemotePathError(remote, planned.reason);
  return planned.path;
}
