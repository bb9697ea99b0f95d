// The library mirror (tables library_mirror and library_mirror_state, owned here): a refresh walks the
// connector's pages, writes only rows whose fingerprint changed, and removes rows the library no longer has —
// only after the whole listing arrived, so a refresh that fails half-way never forgets what the library holds.
// Each row written also gets its blocking keys (blockingKeys.ts), and a refresh that changed anything rebuilds
// the blocking snapshot from them (mirrorBlocking.ts), so the owned-check reads that instead of normalising the
// whole library on every analysis.
import type { Clock } from '../../base';
import type { Db } from '../../db';
import { BLOCKING_KEYS_VERSION, blockingKeysOf, joinKeys } from './blockingKeys';
import type { BlockingSnapshot } from './blockingSnapshot';
import { dropMirrorBlocking, hasMirrorBlocking, loadMirrorBlocking, rebuildMirrorBlocking } from './mirrorBlocking';
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

/** A connector's mirror as the owned-check reads it: every row's blocking keys, and the row only when asked. */
export interface KeyedMirror {
  readonly connector: ConnectorName;
  /** The blocking index over every row; its slots are the rows. */
  readonly blocking: BlockingSnapshot;
  /** A slot's row, or undefined when a refresh since removed it. */
  track(slot: number): MirrorRow | undefined;
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
    // NOT INDEXED: in table order the pages are read in sequence (the (connector, ext_key) index would visit them at random).
    for (const r of this.db.prepare('SELECT ext_key, fingerprint FROM library_mirror NOT INDEXED WHERE connector = ?').raw().iterate(name) as IterableIterator<[string, string]>) {
      known.set(r[0], r[1]);
    }
    const upsert = this.db.prepare(
      `INSERT INTO library_mirror (connector, ext_key, title, artists, album, track_number, disc_number, duration_sec, path, size_bytes, fingerprint,
         title_keys, artist_keys, keys_version)
       VALUES (@connector, @extKey, @title, @artists, @album, @trackNumber, @discNumber, @durationSec, @path, @sizeBytes, @fingerprint,
         @titleKeys, @artistKeys, @keysVersion)
       ON CONFLICT (connector, ext_key) DO UPDATE SET title=excluded.title, artists=excluded.artists, album=excluded.album,
         track_number=excluded.track_number, disc_number=excluded.disc_number, duration_sec=excluded.duration_sec,
         path=excluded.path, size_bytes=excluded.size_bytes, fingerprint=excluded.fingerprint,
         title_keys=excluded.title_keys, artist_keys=excluded.artist_keys, keys_version=excluded.keys_version`,
    );
    const report: RefreshReport = { connector: name, added: 0, updated: 0, removed: 0, unchanged: 0, total: 0, ms: 0 };
    const seen = new Set<string>();
    const write = this.db.transaction((rows: MirrorTrack[]) => {
      dropMirrorBlocking(this.db, name);
      for (const t of rows) {
        const keys = blockingKeysOf(t);
        upsert.run({
          titleKeys: joinKeys(keys.title), artistKeys: joinKeys(keys.artist), keysVersion: BLOCKING_KEYS_VERSION,
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
      if (gone.length > 0 || report.added + report.updated > 0 || !hasMirrorBlocking(this.db, name)) rebuildMirrorBlocking(this.db, name);
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

  /**
   * The mirror as the owned-check reads it: the stored blocking snapshot (rebuilt first when a refresh did not
   * finish) and the rows of the candidates it scores, one at a time.
   */
  keyed(connector: ConnectorName): KeyedMirror {
    const blocking = loadMirrorBlocking(this.db, connector);
    const row = this.db.prepare('SELECT id, title, artists, album, track_number, duration_sec, path FROM library_mirror WHERE id = ?').raw();
    return {
      connector,
      blocking,
      track(slot) {
        const r = row.get(blocking.rowId(slot)) as RowColumns | undefined;
        return r && toMirrorRow(connector, r);
      },
    };
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
      .all(connector) as RowColumns[];
    return rows.map((r) => toMirrorRow(connector, r));
  }
}

type RowColumns = [id: number, title: string, artists: string, album: string | null, trackNumber: number | null, durationSec: number | null, path: string | null];

function toMirrorRow(connector: ConnectorName, [id, title, artists, album, trackNumber, durationSec, path]: RowColumns): MirrorRow {
  return {
    id, connector, title, artists: JSON.parse(artists) as string[],
    ...(album !== null ? { album } : {}),
    ...(trackNumber !== null ? { trackNumber } : {}),
    ...(durationSec !== null ? { durationSec } : {}),
    ...(path !== null ? { path } : {}),
  };
}
