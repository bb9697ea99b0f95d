// npm run bench:reconcile — 100,000 catalog tracks with real files, 1% deleted. core.reconcile() runs as the app
// runs it (stat pass, catalog update, queue rebuild, catalog.status event) once, in a fresh process
// (bench/reconcileChild.ts). The physical limit it is compared with, in the same run on the same tree:
// `find <tree> -type f -printf '%s\n'` (one stat per file, the same page cache), median of three runs around the
// reconcile. Prints JSON as the last line: reconcileMs, findMs, ratio (reconcile / find), and the checks.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/main/db';

const TRACKS = Number(process.env.BENCH_TRACKS ?? 100_000);
const root = mkdtempSync(join(tmpdir(), 'cassette-bench-reconcile-'));
const dataDir = join(root, 'data');
const libDir = join(root, 'lib');

interface ChildResult {
  openMs: number;
  reconcileMs: number;
  catalogPassMs: number;
  report: { checked: number; present: number; nowMissing: number; nowPresent: number; queued: number; ms: number };
  statusEvents: number;
  statusMissing: number;
}

function seed(): Set<number> {
  const db = openDatabase(join(dataDir, 'catalog.db'));
  const now = Date.now();
  const artist = Number(db.prepare(`INSERT INTO artists (name, name_key, created_at) VALUES ('A', 'a', ?)`).run(now).lastInsertRowid);
  const insert = db.prepare(
    `INSERT INTO tracks (title, artist_id, track_key, local_path, size_bytes, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'downloaded', ?, ?)`,
  );
  const paths: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < TRACKS; i++) {
      const dir = join(libDir, `artist${Math.floor(i / 1000)}`, `album${Math.floor(i / 10) % 100}`);
      if (i % 10 === 0) mkdirSync(dir, { recursive: true });
      const p = join(dir, `${String(i % 10).padStart(2, '0')} track ${i}.mp3`);
      const body = `track ${i}`;
      writeFileSync(p, body);
      paths.push(p);
      insert.run(`Track ${i}`, artist, `k${i}`, p, Buffer.byteLength(body), now, now);
    }
  })();
  db.close();
  const deleted = new Set<number>();
  for (let i = 0; i < TRACKS; i += 100) {
    unlinkSync(paths[i + 37]!);
    deleted.add(i + 38); // row ids are 1-based
  }
  return deleted;
}

/** `find` statting every file of the tree; returns its wall time and how many files it listed. */
function findBaseline(): { ms: number; files: number } {
  const t = performance.now();
  const r = spawnSync('find', [libDir, '-type', 'f', '-printf', '%s\n'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`find failed: ${r.stderr}`);
  return { ms, files: r.stdout.split('\n').filter(Boolean).length };
}

function reconcileInChild(): ChildResult {
  const child = fileURLToPath(new URL('./reconcileChild.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, dataDir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`reconcile child exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

try {
  const deleted = seed();
  const finds = [findBaseline(), findBaseline()];
  const child = reconcileInChild();
  finds.push(findBaseline());
  const findMs = finds.map((f) => f.ms).sort((a, b) => a - b)[1]!;

  const db = openDatabase(join(dataDir, 'catalog.db'));
  const missingIds = (db.prepare(`SELECT id FROM tracks WHERE status IN ('missing','queued')`).all() as { id: number }[]).map((r) => r.id);
  const queuedIds = new Set(
    (db.prepare(`SELECT track_id AS id FROM queue_items WHERE kind='track' AND status='pending'`).all() as { id: number }[]).map((r) => r.id),
  );
  db.close();
  const exact = missingIds.length === deleted.size && missingIds.every((id) => deleted.has(id) && queuedIds.has(id));

  process.stdout.write(
    `${JSON.stringify({
      tracks: TRACKS,
      reconcileMs: child.reconcileMs,
      findMs: Math.round(findMs),
      ratio: Number((child.reconcileMs / findMs).toFixed(2)),
      limit: `find -type f -printf '%s\\n' over the same ${finds[0]!.files} files, median of ${finds.length} runs: ${finds.map((f) => Math.round(f.ms)).join(', ')} ms`,
      tracksPerSecond: Math.round(TRACKS / (child.reconcileMs / 1000)),
      catalogPassMs: child.catalogPassMs,
      childOpenCoreMs: child.openMs,
      missingFound: child.report.nowMissing,
      queued: child.report.queued,
      deleted: deleted.size,
      statusEvents: child.statusEvents,
      statusMissing: child.statusMissing,
      exact,
    })}\n`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
