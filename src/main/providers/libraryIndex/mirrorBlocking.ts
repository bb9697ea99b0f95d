// Where the mirror's blocking snapshot lives (library_mirror_blocking, owned by this folder with the mirror):
// dropped by every write to a connector's rows, rebuilt from the rows' stored keys — rows an older tokenisation
// keyed are rekeyed first — at the end of a refresh or by the first reader that finds none. So a current
// snapshot always describes the rows as they are, and a refresh that changed nothing writes nothing.
import { endianness } from 'node:os';
import type { Db } from '../../db';
import { BLOCKING_KEYS_VERSION, blockingKeysOf, joinKeys, splitKeys, type BlockingKeys } from './blockingKeys';
import { BlockingSnapshot } from './blockingSnapshot';
import type { ConnectorName } from './types';

/** The snapshot's layout and this machine's byte order: a database moved to another platform rebuilds it. */
const FORMAT = `v1-${endianness()}`;

export function dropMirrorBlocking(db: Db, connector: ConnectorName): void {
  db.prepare('DELETE FROM library_mirror_blocking WHERE connector = ?').run(connector);
}

/** Whether a snapshot for today's keys and format is stored. */
export function hasMirrorBlocking(db: Db, connector: ConnectorName): boolean {
  return db
    .prepare('SELECT 1 FROM library_mirror_blocking WHERE connector = ? AND format = ? AND keys_version = ?')
    .pluck()
    .get(connector, FORMAT, BLOCKING_KEYS_VERSION) === 1;
}

/** The stored snapshot, or a rebuilt (and stored) one when there is none for today's keys and format. */
export function loadMirrorBlocking(db: Db, connector: ConnectorName): BlockingSnapshot {
  const r = db
    .prepare(
      `SELECT ids, title_tokens, title_start, title_slots, artist_tokens, artist_start, artist_ids
       FROM library_mirror_blocking WHERE connector = ? AND format = ? AND keys_version = ?`,
    )
    .raw()
    .get(connector, FORMAT, BLOCKING_KEYS_VERSION) as [Buffer, string, Buffer, Buffer, string, Buffer, Buffer] | undefined;
  if (!r) return rebuildMirrorBlocking(db, connector);
  const [ids, titleTokens, titleStart, titleSlots, artistTokens, artistStart, artistIds] = r;
  try {
    return BlockingSnapshot.fromRecord({ ids, titleTokens, titleStart, titleSlots, artistTokens, artistStart, artistIds });
  } catch {
    return rebuildMirrorBlocking(db, connector); // derived data: a damaged copy is simply made again
  }
}

/** Rekeys stale rows, builds the snapshot from every row's keys and stores it, in one transaction. */
export function rebuildMirrorBlocking(db: Db, connector: ConnectorName): BlockingSnapshot {
  return db.transaction(() => {
    rekeyStaleRows(db, connector);
    const snapshot = BlockingSnapshot.build(storedKeys(db, connector));
    const r = snapshot.toRecord();
    db.prepare(
      `INSERT OR REPLACE INTO library_mirror_blocking
         (connector, format, keys_version, track_count, ids, title_tokens, title_start, title_slots, artist_tokens, artist_start, artist_ids)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(connector, FORMAT, BLOCKING_KEYS_VERSION, snapshot.size, r.ids, r.titleTokens, r.titleStart, r.titleSlots, r.artistTokens, r.artistStart, r.artistIds);
    return snapshot;
  })();
}

/**
 * Rows whose keys an older tokenisation wrote (or none: rows from before keys were stored) get today's.
 * NOT INDEXED: a scan in table order reads pages in sequence; the (connector, ext_key) index would visit the
 * rows in path order, one random page each (ten times slower at 100,000 rows).
 */
function rekeyStaleRows(db: Db, connector: ConnectorName): void {
  const stale = db
    .prepare('SELECT id, title, artists FROM library_mirror NOT INDEXED WHERE connector = ? AND keys_version IS NOT ?')
    .raw()
    .all(connector, BLOCKING_KEYS_VERSION) as [number, string, string][];
  const set = db.prepare('UPDATE library_mirror SET title_keys = ?, artist_keys = ?, keys_version = ? WHERE id = ?');
  for (const [id, title, artists] of stale) {
    const keys = blockingKeysOf({ title, artists: JSON.parse(artists) as string[] });
    set.run(joinKeys(keys.title), joinKeys(keys.artist), BLOCKING_KEYS_VERSION, id);
  }
}

/** Every row's `[id, keys]` in table order, read as one string (per-row JS values cost several times more). */
function* storedKeys(db: Db, connector: ConnectorName): Generator<[number, BlockingKeys]> {
  const all = db
    .prepare(
      `SELECT group_concat(id || char(9) || title_keys || char(9) || artist_keys, char(10))
       FROM library_mirror NOT INDEXED WHERE connector = ?`,
    )
    .pluck()
    .get(connector) as string | null;
  if (!all) return;
  for (const line of all.split('\n')) {
    const t1 = line.indexOf('\t');
    const t2 = line.indexOf('\t', t1 + 1);
    yield [Number(line.slice(0, t1)), { title: splitKeys(line.slice(t1 + 1, t2)), artist: splitKeys(line.slice(t2 + 1)) }];
  }
}
