// Pure planning of a purchase sync: which tracks the purchases hold (a track bought alone and inside a bought
// album counts once, under the album), and where each one's file belongs inside the sync folder. A path the
// catalog already holds for a track inside the folder is kept, so names stay stable from run to run.
import { isAbsolute, relative, resolve } from 'node:path';
import { isVariousArtists, planQobuzTrackPath, titleWithVersion } from '../../library';

// The purchase shapes are the catalog's (it records and rebuilds them); the plan builds on them.
import type { AlbumWithTracks, SyncAlbum, SyncTrack } from '../../catalog';
export type { AlbumWithTracks, SyncAlbum, SyncArtist, SyncTrack } from '../../catalog';

export interface SingleTrack {
  track: SyncTrack;
  /** The album the track belongs to (not bought itself). */
  album: SyncAlbum;
}

export interface PlanEntry {
  track: SyncTrack;
  album: SyncAlbum;
  /** Bought as part of an album, or alone. */
  kind: 'album' | 'single';
  /** Absolute target path inside the sync folder. */
  path: string;
  /** Tracks on this track's disc, for "n/N" (unknown for a track bought alone from a multi-disc album). */
  discTrackCount?: number;
}

export interface SyncPlan {
  entries: PlanEntry[];
  /** Qobuz ids of tracks bought alone that are also in a bought album (kept once, under the album). */
  deduplicated: number[];
}

export interface PlanOptions {
  /** A path the catalog already planned (or filed) for a Qobuz track id; used when it lies inside the root. */
  knownPath?: (qobuzTrackId: number) => string | null | undefined;
}

/** "Album (Version)" — the album folder and the album tag both show the version. */
export function albumDisplayTitle(a: Pick<SyncAlbum, 'title' | 'version'>): string {
  return titleWithVersion(a.title, a.version);
}

export function isCompilationAlbum(albumArtist: string): boolean {
  return isVariousArtists(albumArtist);
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export function planSync(root: string, albums: AlbumWithTracks[], singles: SingleTrack[], o: PlanOptions = {}): SyncPlan {
  const entries: PlanEntry[] = [];
  const taken = new Set<string>();
  const inAlbums = new Set<number>();
  const seenAlbums = new Set<string>();

  const place = (track: SyncTrack, album: SyncAlbum, kind: PlanEntry['kind'], discTrackCount: number | undefined): void => {
    const known = o.knownPath?.(track.qobuzId);
    let path = known && isInside(root, known) && !taken.has(pathKey(known)) ? known : undefined;
    if (!path) {
      const base = { root, track, album, discTrackCount };
      // Two different purchases must never share a file: the later one gets its album, then its track id, added.
      path = [planPath(base), planPath({ ...base, albumSuffix: album.qobuzId }), planPath({ ...base, albumSuffix: album.qobuzId, trackSuffix: track.qobuzId })]
        .find((p) => !taken.has(pathKey(p)))!;
    }
    taken.add(pathKey(path));
    entries.push({ track, album, kind, path, ...(discTrackCount !== undefined ? { discTrackCount } : {}) });
  };

  for (const { album, tracks } of albums) {
    if (seenAlbums.has(album.qobuzId)) continue;
    seenAlbums.add(album.qobuzId);
    const perDisc = new Map<number, number>();
    for (const t of tracks) perDisc.set(t.discNumber, (perDisc.get(t.discNumber) ?? 0) + 1);
    const discCount = Math.max(album.discCount, perDisc.size);
    const sorted = [...tracks].sort((a, b) => a.discNumber - b.discNumber || a.trackNumber - b.trackNumber || a.qobuzId - b.qobuzId);
    for (const t of sorted) {
      if (inAlbums.has(t.qobuzId)) continue;
      inAlbums.add(t.qobuzId);
      place(t, { ...album, discCount }, 'album', perDisc.get(t.discNumber));
    }
  }

  const deduplicated: number[] = [];
  const seenSingles = new Set<number>();
  for (const s of singles) {
    if (inAlbums.has(s.track.qobuzId)) {
      deduplicated.push(s.track.qobuzId);
      continue;
    }
    if (seenSingles.has(s.track.qobuzId)) continue;
    seenSingles.add(s.track.qobuzId);
    place(s.track, s.album, 'single', s.album.discCount <= 1 ? s.album.trackCount || undefined : undefined);
  }
  return { entries, deduplicated };
}

interface PathInput {
  root: string;
  track: SyncTrack;
  album: SyncAlbum;
  discTrackCount: number | undefined;
  albumSuffix?: string;
  trackSuffix?: number;
}

function planPath(i: PathInput): string {
  const albumTitle = albumDisplayTitle(i.album);
  return planQobuzTrackPath(i.root, {
    albumArtist: i.album.artist.name,
    albumTitle: i.albumSuffix ? `${albumTitle} [${i.albumSuffix}]` : albumTitle,
    discNumber: i.track.discNumber,
    discCount: i.album.discCount,
    trackNumber: i.track.trackNumber,
    ...(i.discTrackCount !== undefined ? { trackCount: i.discTrackCount } : {}),
    title: i.trackSuffix ? `${titleWithVersion(i.track.title, i.track.version)} [${i.trackSuffix}]` : i.track.title,
    version: i.trackSuffix ? null : i.track.version,
    trackArtist: i.track.artist.name,
    isCompilation: i.album.isCompilation,
    ext: 'mp3',
  });
}

/** Paths compared as case-insensitive file systems (macOS, Windows) see them. */
function pathKey(p: string): string {
  return resolve(p).normalize('NFC').toLowerCase();
}
