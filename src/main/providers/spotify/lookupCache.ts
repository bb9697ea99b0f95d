// The Spotify lookup cache (tracks, albums, artists, search results) in the catalog database, shared by every
// flow: batch lookups are gone in Development Mode, so one id is one request — cache it. Each kind has a TTL.
import type { z } from 'zod';
import type { Clock } from '../../base';
import type { Db } from '../../db';

export type LookupKind = 'track' | 'album' | 'artist' | 'search';

const DAY = 24 * 60 * 60_000;
export const LOOKUP_TTL_MS: Record<LookupKind, number> = { track: 30 * DAY, album: 30 * DAY, artist: 7 * DAY, search: DAY };

export class SpotifyLookupCache {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  get<S extends z.ZodType>(kind: LookupKind, key: string, schema: S): z.infer<S> | undefined {
    const row = this.db.prepare('SELECT value, expires_at FROM spotify_lookup_cache WHERE kind = ? AND key = ?').get(kind, key) as { value: string; expires_at: number } | undefined;
    if (!row || row.expires_at <= this.clock.now()) return undefined;
    let data: unknown;
    try {
      data = JSON.parse(row.value);
    } catch {
      return undefined;
    }
    const parsed = schema.safeParse(data);
    return parsed.success ? parsed.data : undefined;
  }

  put(kind: LookupKind, key: string, value: unknown): void {
    const now = this.clock.now();
    this.db
      .prepare('INSERT INTO spotify_lookup_cache (kind, key, value, fetched_at, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, fetched_at = excluded.fetched_at, expires_at = excluded.expires_at')
      .run(kind, key, JSON.stringify(value), now, now + LOOKUP_TTL_MS[kind]);
  }

  /** Drops expired rows (run now and then; lookups ignore them anyway). */
  prune(): number {
    return this.db.prepare('DELETE FROM spotify_lookup_cache WHERE expires_at <= ?').run(this.clock.now()).changes;
  }
}
