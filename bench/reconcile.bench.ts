// npm run bench:reconcile — 100,000 catalog tracks with real files; delete 1%; time reconciliation.
// Prints JSON {tracks, ms, tracksPerSecond, missingFound} as the last line.
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/main/db';
import { reconcileCatalog } from '../src/main/catalog';
import { systemClock } from '../src/main/core';

const TRACKS = Number(process.env.BENCH_TRACKS ?? 100_000);
const root = mkdtempSync(join(tmpdir(), 'cassette-bench-reconcile-'));
try {
  const db = openDatabase(join(root, 'catalog.db'));
  const now = Date.now();
  const artist = Number(db.prepare(`INSERT INTO artists (name, name_key, created_at) VALUES ('A', 'a', ?)`).run(now).lastInsertRowid);
  const insert = db.prepare(
    `INSERT INTO tracks (title, artist_id, track_key, local_path, size_bytes, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'downloaded', ?, ?)`,
  );
  const paths: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < TRACKS; i++) {
      const dir = join(root, 'lib', `artist${Math.floor(i / 1000)}`, `album${Math.floor(i / 10) % 100}`);
      if (i % 10 === 0) mkdirSync(dir, { recursive: true });
      const p = join(dir, `${String(i % 10).padStart(2, '0')} track ${i}.mp3`);
      const body = `track ${i}`;
      writeFileSync(p, body);
      paths.push(p);
      insert.run(`Track ${i}`, artist, `k${i}`, p, Buffer.byteLength(body), now, now);
    }
  })();
  const deleted = new Set<number>();
  for (let i = 0; i < TRACKS; i += 100) {
    unlinkSync(paths[i + 37]!);
    deleted.add(i + 38); // row ids are 1-based
  }
  const report = reconcileCatalog(db, systemClock);
  const exact = report.nowMissing.length === deleted.size && report.nowMissing.every((id) => deleted.has(id));
  db.close();
  process.stdout.write(
    `${JSON.stringify({ tracks: TRACKS, ms: report.ms, tracksPerSecond: Math.round(TRACKS / (report.ms / 1000)), missingFound: report.nowMissing.length, deleted: deleted.size, exact })}\n`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
