// Playlists in the catalog database (tables playlists, playlist_tracks, missing_runs, owned here): each analysed
// playlist's entries in order, the catalog track each became, the last verdict with its best library candidate,
// the person's decision per entry (which always wins), and analysis runs, persisted so a run survives a restart.
import { z } from 'zod';
import type { Clock } from '../base';
import type { Db } from '../db';
import type { LoadedPlaylist, PlaylistEntry } from './playlistEntry';

export type EntryStatus = 'owned' | 'download' | 'review';
export type Decision = 'owned' | 'not_owned';
export type RunState = 'running' | 'finished' | 'cancelled' | 'failed';

export interface MatchRef {
  title: string;
  artists: string[];
  album: string | null;
  where: 'plex' | 'jellyfin' | 'subsonic' | 'folder' | 'catalog';
}

export interface StoredEntry extends PlaylistEntry {
  position: number;
  trackId: number | null;
  status: EntryStatus | null;
  confidence: number | null;
  match: MatchRef | null;
  decision: Decision | null;
  /** The person said "Ignore": neither downloaded nor retried, whatever later analyses find. */
  ignored: boolean;
}

export interface PlaylistRow {
  id: number;
  ref: string;
  kind: LoadedPlaylist['kind'];
  name: string;
  account: string | null;
  tracks: number;
  updatedAt: number;
}

export interface RunRow {
  id: number;
  playlistId: number;
  state: RunState;
  options: Record<string, unknown>;
  done: number;
  total: number;
  owned: number;
  toDownload: number;
  review: number;
  library: Record<string, unknown> | null;
  error: string | null;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

/** What `playlist_tracks.metadata` keeps of an entry beyond its own columns (read back through zod). */
const entryMetadataSchema = z.object({
  albumArtists: z.array(z.string()).optional(),
  releaseDate: z.string().optional(),
  coverUrl: z.string().optional(),
  trackNumber: z.number().optional(),
  discNumber: z.number().optional(),
  albumSpotifyId: z.string().optional(),
  albumType: z.enum(['album', 'single', 'compilation']).optional(),
  albumTrackCount: z.number().optional(),
});
type EntryMetadata = z.infer<typeof entryMetadataSchema>;

function metadataOf(e: PlaylistEntry): string | null {
  const m: EntryMetadata = {
    ...(e.albumArtists?.length ? { albumArtists: e.albumArtists } : {}),
    ...(e.releaseDate ? { releaseDate: e.releaseDate } : {}),
    ...(e.coverUrl ? { coverUrl: e.coverUrl } : {}),
    ...(e.trackNumber !== undefined ? { trackNumber: e.trackNumber } : {}),
    ...(e.discNumber !== undefined ? { discNumber: e.discNumber } : {}),
    ...(e.albumSpotifyId ? { albumSpotifyId: e.albumSpotifyId } : {}),
    ...(e.albumType ? { albumType: e.albumType } : {}),
    ...(e.albumTrackCount !== undefined ? { albumTrackCount: e.albumTrackCount } : {}),
  };
  return Object.keys(m).length ? JSON.stringify(m) : null;
}

/** The stored metadata, or nothing when there is none or it does not parse (an entry still works without it). */
function parseMetadata(json: string | null): EntryMetadata {
  if (!json) return {};
  try {
    const parsed = entryMetadataSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

interface EntryDbRow {
  entry_key: string;
  position: number;
  title: string;
  artists: string;
  album: string | null;
  duration_sec: number | null;
  spotify_id: string | null;
  isrc: string | null;
  metadata: string | null;
  track_id: number | null;
  status: EntryStatus | null;
  confidence: number | null;
  match: string | null;
  decision: Decision | null;
  ignored_at: number | null;
}

interface RunDbRow {
  id: number;
  playlist_id: number;
  state: RunState;
  options: string;
  done: number;
  total: number;
  owned: number;
  to_download: number;
  review: number;
  library: string | null;
  error: string | null;
  started_at: number;
  updated_at: number;
  finished_at: number | null;
}

export class PlaylistStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Records the playlist (by its ref) and its current entries in order; returns its id. Entries no longer in it are dropped. */
  save(p: LoadedPlaylist, account?: string): number {
    return this.db.transaction(() => {
      const now = this.clock.now();
      this.db
        .prepare(
          `INSERT INTO playlists (ref, kind, name, account, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (ref) DO UPDATE SET name=excluded.name, account=coalesce(excluded.account, account), updated_at=excluded.updated_at`,
        )
        .run(p.ref, p.kind, p.name, account ?? null, now, now);
      const id = (this.db.prepare('SELECT id FROM playlists WHERE ref = ?').get(p.ref) as { id: number }).id;
      const upsert = this.db.prepare(
        `INSERT INTO playlist_tracks (playlist_id, entry_key, position, title, artists, album, duration_sec, spotify_id, isrc, metadata)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (playlist_id, entry_key) DO UPDATE SET position=excluded.position, title=excluded.title, artists=excluded.artists,
           album=excluded.album, duration_sec=excluded.duration_sec, spotify_id=excluded.spotify_id, isrc=excluded.isrc,
           metadata=excluded.metadata`,
      );
      p.entries.forEach((e, i) => {
        upsert.run(id, e.key, i, e.title, JSON.stringify(e.artists), e.album ?? null, e.durationSec ?? null, e.spotifyId ?? null, e.isrc ?? null, metadataOf(e));
      });
      const keep = new Set(p.entries.map((e) => e.key));
      const del = this.db.prepare('DELETE FROM playlist_tracks WHERE playlist_id = ? AND entry_key = ?');
      for (const { entry_key } of this.db.prepare('SELECT entry_key FROM playlist_tracks WHERE playlist_id = ?').all(id) as { entry_key: string }[]) {
        if (!keep.has(entry_key)) del.run(id, entry_key);
      }
      return id;
    })();
  }

  byRef(ref: string): PlaylistRow | undefined {
    return this.list().find((p) => p.ref === ref);
  }

  get(id: number): PlaylistRow | undefined {
    return this.list().find((p) => p.id === id);
  }

  list(): PlaylistRow[] {
    const rows = this.db
      .prepare(
        `SELECT p.id, p.ref, p.kind, p.name, p.account, p.updated_at, (SELECT count(*) FROM playlist_tracks t WHERE t.playlist_id = p.id) AS tracks
         FROM playlists p ORDER BY p.updated_at DESC, p.id DESC`,
      )
      .all() as { id: number; ref: string; kind: PlaylistRow['kind']; name: string; account: string | null; updated_at: number; tracks: number }[];
    return rows.map((r) => ({ id: r.id, ref: r.ref, kind: r.kind, name: r.name, account: r.account, tracks: r.tracks, updatedAt: r.updated_at }));
  }

  entries(playlistId: number): StoredEntry[] {
    const rows = this.db.prepare('SELECT * FROM playlist_tracks WHERE playlist_id = ? ORDER BY position').all(playlistId) as EntryDbRow[];
    return rows.map((r) => ({
      key: r.entry_key,
      position: r.position,
      title: r.title,
      artists: JSON.parse(r.artists) as string[],
      ...(r.album !== null ? { album: r.album } : {}),
      ...(r.duration_sec !== null ? { durationSec: r.duration_sec } : {}),
      ...(r.spotify_id !== null ? { spotifyId: r.spotify_id } : {}),
      ...(r.isrc !== null ? { isrc: r.isrc } : {}),
      ...parseMetadata(r.metadata),
      trackId: r.track_id,
      status: r.status,
      confidence: r.confidence,
      match: r.match === null ? null : (JSON.parse(r.match) as MatchRef),
      decision: r.decision,
      ignored: r.ignored_at !== null,
    }));
  }

  setVerdict(playlistId: number, key: string, v: { status: EntryStatus; confidence: number | null; match: MatchRef | null }): void {
    this.db
      .prepare('UPDATE playlist_tracks SET status = ?, confidence = ?, match = ? WHERE playlist_id = ? AND entry_key = ?')
      .run(v.status, v.confidence, v.match ? JSON.stringify(v.match) : null, playlistId, key);
  }

  /** A new analysis starts: every entry is unchecked again (decisions stay). */
  clearVerdicts(playlistId: number): void {
    this.db.prepare('UPDATE playlist_tracks SET status = NULL, confidence = NULL, match = NULL WHERE playlist_id = ?').run(playlistId);
  }

  linkTrack(playlistId: number, key: string, trackId: number): void {
    this.db.prepare('UPDATE playlist_tracks SET track_id = ? WHERE playlist_id = ? AND entry_key = ?').run(trackId, playlistId, key);
  }

  /** The person's word on one entry; null takes it back. Returns false when there is no such entry. */
  decide(playlistId: number, key: string, decision: Decision | null): boolean {
    const r = this.db
      .prepare('UPDATE playlist_tracks SET decision = ?, decided_at = ? WHERE playlist_id = ? AND entry_key = ?')
      .run(decision, decision ? this.clock.now() : null, playlistId, key);
    return r.changes > 0;
  }

  /** "Ignore" on one entry (false takes it back). Returns false when there is no such entry. */
  ignore(playlistId: number, key: string, ignored: boolean): boolean {
    const r = this.db
      .prepare('UPDATE playlist_tracks SET ignored_at = ? WHERE playlist_id = ? AND entry_key = ?')
      .run(ignored ? this.clock.now() : null, playlistId, key);
    return r.changes > 0;
  }

  /** Catalog tracks an ignored entry links: the queue rebuild leaves them alone. */
  ignoredTrackIds(): Set<number> {
    const rows = this.db.prepare('SELECT DISTINCT track_id FROM playlist_tracks WHERE ignored_at IS NOT NULL AND track_id IS NOT NULL').all() as { track_id: number }[];
    return new Set(rows.map((r) => r.track_id));
  }

  /** Decisions by entry key, to carry over when a playlist file is analysed before it is saved (dry runs). */
  decisions(ref: string): Map<string, Decision> {
    const rows = this.db
      .prepare(`SELECT t.entry_key, t.decision FROM playlist_tracks t JOIN playlists p ON p.id = t.playlist_id WHERE p.ref = ? AND t.decision IS NOT NULL`)
      .all(ref) as { entry_key: string; decision: Decision }[];
    return new Map(rows.map((r) => [r.entry_key, r.decision]));
  }

  // ---- analysis runs

  startRun(playlistId: number, options: Record<string, unknown>, total: number): RunRow {
    const now = this.clock.now();
    const id = Number(
      this.db
        .prepare(`INSERT INTO missing_runs (playlist_id, state, options, total, started_at, updated_at) VALUES (?, 'running', ?, ?, ?, ?)`)
        .run(playlistId, JSON.stringify(options), total, now, now).lastInsertRowid,
    );
    return this.run(id)!;
  }

  progress(runId: number, p: { done: number; owned: number; toDownload: number; review: number; library?: Record<string, unknown> }): void {
    this.db
      .prepare(
        `UPDATE missing_runs SET done = ?, owned = ?, to_download = ?, review = ?, library = coalesce(?, library), updated_at = ?
         WHERE id = ? AND state = 'running'`,
      )
      .run(p.done, p.owned, p.toDownload, p.review, p.library ? JSON.stringify(p.library) : null, this.clock.now(), runId);
  }

  finishRun(runId: number, state: Exclude<RunState, 'running'>, error?: string): void {
    const now = this.clock.now();
    this.db
      .prepare(`UPDATE missing_runs SET state = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ? AND state = 'running'`)
      .run(state, error ?? null, now, now, runId);
  }

  run(id: number): RunRow | undefined {
    const r = this.db.prepare('SELECT * FROM missing_runs WHERE id = ?').get(id) as RunDbRow | undefined;
    return r && toRun(r);
  }

  latestRun(playlistId: number): RunRow | undefined {
    const r = this.db.prepare('SELECT * FROM missing_runs WHERE playlist_id = ? ORDER BY id DESC LIMIT 1').get(playlistId) as RunDbRow | undefined;
    return r && toRun(r);
  }

  /** Runs whose end has not been announced yet (running ones included), oldest first. */
  unannouncedRuns(): RunRow[] {
    return (this.db.prepare('SELECT * FROM missing_runs WHERE notified_at IS NULL ORDER BY id').all() as RunDbRow[]).map(toRun);
  }

  /**
   * Marks a run's end as announced; true only for the call that marked it, so two hosts on one catalog (or two
   * refreshes) never announce it twice.
   */
  markAnnounced(runId: number): boolean {
    return this.db.prepare('UPDATE missing_runs SET notified_at = ? WHERE id = ? AND notified_at IS NULL').run(this.clock.now(), runId).changes > 0;
  }

  /** Runs still marked running: after a restart these are the ones to resume. */
  runningRuns(): RunRow[] {
    return (this.db.prepare(`SELECT * FROM missing_runs WHERE state = 'running' ORDER BY id`).all() as RunDbRow[]).map(toRun);
  }
}

function toRun(r: RunDbRow): RunRow {
  return {
    id: r.id, playlistId: r.playlist_id, state: r.state, options: JSON.parse(r.options) as Record<string, unknown>, done: r.done, total: r.total,
    owned: r.owned, toDownload: r.to_download, review: r.review, library: r.library ? (JSON.parse(r.library) as Record<string, unknown>) : null,
    error: r.error, startedAt: r.started_at, updatedAt: r.updated_at, finishedAt: r.finished_at,
  };
}
