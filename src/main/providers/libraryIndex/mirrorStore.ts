// The library mirror (tables library_mirror and library_mirror_state, owned here): a refresh walks the
// connector's pages, writes only rows whose fingerprint changed, and removes rows the library no longer has —
// only after the whole listing arrived, so a refresh that fails half-way never forgets what the library holds.
import type { Clock } from '../../base';
import type { Db } from '../../db';
import type { ConnectorName, LibraryConnector, MirrorTrack } from './types';

export interface MirrorRow {
  id: number;
  connector: ConnectorName;
  title: string;
  artists: string[];
  album?: string;
  trackNumber?: number;
  durationSec?: number;
  path?: string;
}

export interface RefreshReport {
  connector: ConnectorName;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  total: number;
  ms: number;
}

export interface MirrorState {
  connector: ConnectorName;
  origin: string;
  refreshedAt: number;
  trackCount: number;
}

export class MirrorStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async refresh(connector: LibraryConnector, signal?: AbortSignal): Promise<RefreshReport> {
    const started = performance.now();
    const name = connector.name;
    const known = new Map<string, string>();
    for (const r of this.db.prepare('SELECT ext_key, fingerprint FROM library_mirror WHERE connector = ?').raw().iterate(name) as IterableIterator<[string, string]>) {
      known.set(r[0], r[1]);
    }
    const upsert = this.db.prepare(
      `INSERT INTO library_mirror (connector, ext_key, title, artists, album, track_number, disc_number, duration_sec, path, size_bytes, fingerprint)
       VALUES (@connector, @extKey, @title, @artists, @album, @trackNumber, @discNumber, @durationSec, @path, @sizeBytes, @fingerprint)
       ON CONFLICT (connector, ext_key) DO UPDATE SET title=excluded.title, artists=excluded.artists, album=excluded.album,
         track_number=excluded.track_number, disc_number=excluded.disc_number, duration_sec=excluded.duration_sec,
         path=excluded.path, size_bytes=excluded.size_bytes, fingerprint=excluded.fingerprint`,
    );
    const report: RefreshReport = { connector: name, added: 0, updated: 0, removed: 0, unchanged: 0, total: 0, ms: 0 };
    const seen = new Set<string>();
    const write = this.db.transaction((rows: MirrorTrack[]) => {
      for (const t of rows) {
        upsert.run({
          connector: name, extKey: t.extKey, title: t.title, artists: JSON.stringify(t.artists), album: t.album ?? null,
          trackNumber: t.trackNumber ?? null, discNumber: t.discNumber ?? null, durationSec: t.durationSec ?? null,
          path: t.path ?? null, sizeBytes: t.sizeBytes ?? null, fingerprint: t.fingerprint,
        });
      }
    });
    for await (const page of connector.list({ known: (k) => known.get(k), signal })) {
      const changed: MirrorTrack[] = [];
      for (const entry of page) {
        if (seen.has(entry.extKey)) continue;
        seen.add(entry.extKey);
        const before = known.get(entry.extKey);
        if ('unchanged' in entry || before === entry.fingerprint) report.unchanged++;
        else {
          changed.push(entry);
          if (before === undefined) report.added++;
          else report.updated++;
        }
      }
      if (changed.length) write(changed);
    }
    const gone = [...known.keys()].filter((k) => !seen.has(k));
    const del = this.db.prepare('DELETE FROM library_mirror WHERE connector = ? AND ext_key = ?');
    this.db.transaction(() => {
      for (const k of gone) del.run(name, k);
      this.db
        .prepare(
          `INSERT INTO library_mirror_state (connector, origin, refreshed_at, track_count) VALUES (?, ?, ?, ?)
           ON CONFLICT (connector) DO UPDATE SET origin=excluded.origin, refreshed_at=excluded.refreshed_at, track_count=excluded.track_count`,
        )
        .run(name, connector.origin, this.clock.now(), seen.size);
    })();
    report.removed = gone.length;
    report.total = seen.size;
    report.ms = Math.round(performance.now() - started);
    return report;
  }

  state(connector: ConnectorName): MirrorState | undefined {
    const r = this.db.prepare('SELECT connector, origin, refreshed_at, track_count FROM library_mirror_state WHERE connector = ?').get(connector) as
      | { connector: ConnectorName; origin: string; refreshed_at: number; track_count: number }
      | undefined;
    return r && { connector: r.connector, origin: r.origin, refreshedAt: r.refreshed_at, trackCount: r.track_count };
  }

  tracks(connector: ConnectorName): MirrorRow[] {
    const rows = this.db
      .prepare('SELECT id, title, artists, album, track_number, duration_sec, path FROM library_mirror WHERE connector = ?')
      .raw()
      .all(connector) as [number, string, string, string | null, number | null, number | null, string | null][];
    return rows.map(([id, title, artists, album, trackNumber, durationSec, path]) => ({
      id, connector, title, artists: JSON.parse(artists) as string[],
      ...(album !== null ? { album } : {}),
      ...(trackNumber !== null ? { trackNumber } : {}),
      ...(durationSec !== null ? { durationSec } : {}),
      ...(path !== null ? { path } : {}),
    }));
  }
}
