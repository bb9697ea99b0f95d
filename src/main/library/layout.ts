// Where a track's file goes: pure path planning for the library layouts (album, matched transfer, sharded).
// Every component goes through sanitisePathComponent, so metadata can never point outside the root.
import { join, relative, resolve, isAbsolute } from 'node:path';
import { sanitisePathComponent } from './sanitise';

const UNKNOWN_ARTIST = 'Unknown Artist';
const UNKNOWN_ALBUM = 'Unknown Album';
const UNTITLED = 'Untitled';

export interface QobuzTrackLayoutInput {
  albumArtist: string;
  /** Album title as it should show (callers add an album version with titleWithVersion when they want it). */
  albumTitle: string;
  discNumber: number;
  discCount: number;
  /** 1-based; 0 or less leaves the number out of the file name. */
  trackNumber: number;
  /** Tracks on the disc/album; when ≥ 100 every number gets 3 digits so names sort. */
  trackCount?: number;
  title: string;
  version?: string | null;
  trackArtist: string;
  isCompilation: boolean;
  /** Extension without the dot: mp3, flac, ... */
  ext: string;
}

export interface MatchedTrackLayoutInput {
  artist: string;
  album?: string | null;
  /** Spotify's kind of release, when known: a single's or a compilation's track is filed as a single. */
  albumType?: 'album' | 'single' | 'compilation' | null;
  /** Tracks on the album: a title track of a real album is filed with its album, not as a single. */
  albumTrackCount?: number | null;
  trackNumber?: number | null;
  title: string;
  ext: string;
}

/** What any layout needs to know about a track; the queue processor builds one per download. */
export interface LayoutTrack {
  /** Stable id for the sharded layout (catalog id or a service id). */
  id: string | number;
  ext: string;
  title: string;
  version?: string | null;
  /** Track artist (display credit). */
  artist: string;
  albumArtist?: string | null;
  album?: string | null;
  trackNumber?: number | null;
  trackCount?: number | null;
  discNumber?: number | null;
  discCount?: number | null;
  isCompilation?: boolean;
  /** The kind of release the album is, when known (the matched layout files singles and compilations apart). */
  albumType?: 'album' | 'single' | 'compilation' | null;
}

export interface LayoutStrategy {
  kind: 'organised' | 'sharded';
  /** Absolute path of the file for this track. */
  plan(track: LayoutTrack): string;
}

/** "Title (Version)" unless the title already mentions the version (case-insensitive). */
export function titleWithVersion(title: string, version?: string | null): string {
  const t = title.trim();
  const v = (version ?? '').trim();
  if (v === '') return t;
  if (t.toLocaleLowerCase().includes(v.toLocaleLowerCase())) return t;
  return t === '' ? v : `${t} (${v})`;
}

// Compared after folding case, accents and punctuation: "V.A.", "V/A", "Multi-interprètes" all match.
const VARIOUS_ARTISTS_KEYS = new Set(
  [
    'various artists', 'various artist', 'various', 'va', 'various performers', 'various interprets',
    'multi-interpretes', 'multi interpretes', 'artistes divers', 'artistes varies', 'divers artistes',
    'verschiedene interpreten', 'verschiedene kunstler', 'diverse interpreten', 'diverse kunstler',
    'varios artistas', 'varios interpretes', 'artistas varios', 'diversos artistas', 'diversos interpretes',
    'artisti vari', 'artisti varie', 'vari artisti', 'diverse artiesten', 'verschillende artiesten',
    'blandade artister', 'diverse artister', 'rozni wykonawcy', 'ruzni interpreti', 'raznye ispolniteli',
    'разные исполнители', 'сборник', 'ヴァリアス・アーティスト', 'オムニバス', '群星', '多位艺术家',
  ].map(foldName),
);

function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** True for the placeholder "artists" that label compilations (Various Artists, VA, Multi-interprètes ...). */
export function isVariousArtists(name: string | null | undefined): boolean {
  if (!name) return false;
  const key = foldName(name);
  return key !== '' && VARIOUS_ARTISTS_KEYS.has(key);
}

/** "07", "107" — two digits, three once the number (or the album's count) reaches 100. */
export function trackNumberPrefix(trackNumber: number, trackCount?: number | null): string {
  const width = Math.max(trackNumber, trackCount ?? 0) >= 100 ? 3 : 2;
  return String(Math.trunc(trackNumber)).padStart(width, '0');
}

function orDefault(value: string | null | undefined, fallback: string): string {
  const v = (value ?? '').trim();
  return v === '' ? fallback : v;
}

function hasNumber(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0;
}

/** Joins sanitised components under root and proves the result stays inside it. */
function joinInside(root: string, components: string[], fileName: string): string {
  const base = resolve(root);
  const full = join(base, ...components, fileName);
  const rel = relative(base, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`planned path escapes the library root: ${full}`);
  }
  return full;
}

/**
 * `Album Artist/Album/[Disc N/]NN - Title.ext`; compilations (flagged, or album artist "Various Artists")
 * name files `NN - Track Artist - Title.ext`.
 */
export function planQobuzTrackPath(root: string, t: QobuzTrackLayoutInput): string {
  const albumArtist = orDefault(t.albumArtist, orDefault(t.trackArtist, UNKNOWN_ARTIST));
  const album = orDefault(t.albumTitle, UNKNOWN_ALBUM);
  const title = orDefault(titleWithVersion(t.title, t.version), UNTITLED);
  const compilation = t.isCompilation || isVariousArtists(t.albumArtist);

  const parts = [title];
  if (compilation) parts.unshift(orDefault(t.trackArtist, albumArtist));
  if (hasNumber(t.trackNumber)) parts.unshift(trackNumberPrefix(t.trackNumber, t.trackCount));
  const fileName = sanitisePathComponent(parts.join(' - '), { ext: t.ext });

  const dirs = [sanitisePathComponent(albumArtist), sanitisePathComponent(album)];
  if (t.discCount > 1) dirs.push(sanitisePathComponent(`Disc ${hasNumber(t.discNumber) ? t.discNumber : 1}`));
  return joinInside(root, dirs, fileName);
}

function sameTitle(a: string, b: string): boolean {
  const fold = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
  return fold(a) === fold(b);
}

/**
 * Whether the matched layout files a track as a single: the album type when known (a single or a compilation —
 * as Matched Download files a track found only there); otherwise no album, or an album named after the track
 * with one track — a count the caller may not know, when a track number above 1 says there are more.
 */
export function filedAsSingle(t: Pick<MatchedTrackLayoutInput, 'album' | 'albumType' | 'albumTrackCount' | 'trackNumber' | 'title'>): boolean {
  const album = (t.album ?? '').trim();
  if (album === '') return true;
  if (t.albumType) return t.albumType !== 'album';
  const count = t.albumTrackCount ?? (hasNumber(t.trackNumber) && t.trackNumber > 1 ? t.trackNumber : 1);
  return sameTitle(album, orDefault(t.title, UNTITLED)) && count <= 1;
}

/**
 * Matched downloads: `Artist/Artist - Album/NN Title.ext`, or for a single (`filedAsSingle`)
 * `Artist/Artist - Title/Title.ext`.
 */
export function planMatchedTrackPath(transferRoot: string, t: MatchedTrackLayoutInput): string {
  const artist = orDefault(t.artist, UNKNOWN_ARTIST);
  const title = orDefault(t.title, UNTITLED);
  const album = (t.album ?? '').trim();
  const artistDir = sanitisePathComponent(artist);

  if (filedAsSingle({ ...t, title })) {
    return joinInside(
      transferRoot,
      [artistDir, sanitisePathComponent(`${artist} - ${title}`)],
      sanitisePathComponent(title, { ext: t.ext }),
    );
  }
  const fileBase = hasNumber(t.trackNumber) ? `${trackNumberPrefix(t.trackNumber)} ${title}` : title;
  return joinInside(
    transferRoot,
    [artistDir, sanitisePathComponent(`${artist} - ${album}`)],
    sanitisePathComponent(fileBase, { ext: t.ext }),
  );
}

/**
 * `audio/ab/cd/ef/abcdef….ext`: three levels of two characters keep folders small for huge collections.
 * Ids shorter than six characters are left-padded with zeros for the shard folders only.
 */
export function planShardedPath(root: string, id: string | number, ext: string): string {
  const safeId = sanitisePathComponent(String(id).trim() === '' ? '_' : String(id).trim());
  const key = safeId.replace(/[^A-Za-z0-9_-]/g, '_').padStart(6, '0');
  return joinInside(
    root,
    ['audio', key.slice(0, 2), key.slice(2, 4), key.slice(4, 6)],
    sanitisePathComponent(safeId, { ext }),
  );
}

/** Album layout for purchases and catalog downloads; `matched` is the Transfer layout for matched downloads. */
export function organisedLayout(root: string, style: 'album' | 'matched' = 'album'): LayoutStrategy {
  return {
    kind: 'organised',
    plan(track) {
      if (style === 'matched') {
        return planMatchedTrackPath(root, {
          artist: track.artist,
          album: track.album,
          albumTrackCount: track.trackCount,
          // A Various Artists album is a compilation whatever the source said of it (Exportify says nothing).
          albumType: track.albumType ?? (track.isCompilation || isVariousArtists(track.albumArtist) ? 'compilation' : null),
          trackNumber: track.trackNumber,
          title: titleWithVersion(track.title, track.version),
          ext: track.ext,
        });
      }
      // A track without an album is filed as its own single.
      const album = orDefault(track.album, titleWithVersion(track.title, track.version));
      return planQobuzTrackPath(root, {
        albumArtist: orDefault(track.albumArtist, track.artist),
        albumTitle: album,
        discNumber: track.discNumber ?? 1,
        discCount: track.discCount ?? 1,
        trackNumber: track.trackNumber ?? 0,
        trackCount: track.trackCount ?? undefined,
        title: track.title,
        version: track.version,
        trackArtist: track.artist,
        isCompilation: track.isCompilation ?? false,
        ext: track.ext,
      });
    },
  };
}

export function shardedLayout(root: string): LayoutStrategy {
  return { kind: 'sharded', plan: (track) => planShardedPath(root, track.id, track.ext) };
}
