// Maps Qobuz API shapes (albums, tracks, purchases) onto the sync's own SyncAlbum / SyncTrack. Pure.
import type { QobuzAlbumSummary, QobuzTrack } from '../../sources';
import { isCompilationAlbum, type SyncAlbum, type SyncTrack } from './plan';

export function syncAlbumFromQobuz(a: QobuzAlbumSummary, trackCountFallback = 0): SyncAlbum {
  const releaseDate = a.release_date_original ?? (a.released_at ? new Date(a.released_at * 1000).toISOString().slice(0, 10) : undefined);
  const cover = a.image?.large ?? a.image?.small ?? a.image?.thumbnail ?? undefined;
  const copyright = stringField(a, 'copyright');
  return {
    qobuzId: a.id,
    title: a.title,
    version: blankToNull(a.version),
    artist: { name: a.artist.name, qobuzId: String(a.artist.id) },
    ...(a.genre?.name ? { genre: a.genre.name } : {}),
    ...(a.label?.name ? { label: a.label.name } : {}),
    ...(releaseDate ? { releaseDate } : {}),
    ...(a.upc ? { upc: a.upc } : {}),
    trackCount: a.tracks_count ?? trackCountFallback,
    discCount: Math.max(1, a.media_count ?? 1),
    ...(cover ? { coverUrl: cover } : {}),
    ...(copyright ? { copyright } : {}),
    isCompilation: isCompilationAlbum(a.artist.name),
  };
}

export function syncTrackFromQobuz(t: QobuzTrack, album: SyncAlbum): SyncTrack {
  const copyright = stringField(t, 'copyright');
  return {
    qobuzId: t.id,
    title: t.title,
    version: blankToNull(t.version),
    artist: t.performer ? { name: t.performer.name, qobuzId: String(t.performer.id) } : album.artist,
    trackNumber: t.track_number,
    discNumber: t.media_number || 1,
    ...(t.duration > 0 ? { durationSec: t.duration } : {}),
    ...(t.isrc ? { isrc: t.isrc } : {}),
    ...(copyright ? { copyright } : {}),
  };
}

function blankToNull(s: string | null | undefined): string | null {
  const t = s?.trim();
  return t ? t : null;
}

/** Qobuz responses carry fields Cassette's schemas let through without naming (copyright). */
function stringField(o: object, key: string): string | undefined {
  const v = (o as Record<string, unknown>)[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
