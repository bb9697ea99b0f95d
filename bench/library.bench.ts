// npm run bench:library — a catalog of 100,000 tracks (10,000 albums, 2,000 artists; 30% on disk as real files).
// startupMs: the headless host from createCore to serving the page (GET / answered), with the start-up
// reconcile left to run in the background afterwards, as `npm run serve` does. Then, over the WebSocket as the
// browser receives them: the Library's first page of artists, one album's tracks, and a search.
// Prints JSON {tracks, startupMs, artistsMs, albumMs, searchMs} as the last line.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { openDatabase } from '../src/main/db';
import { createCore, pathsFor, silentLogger } from '../src/main/core';
import { startHeadlessHost } from '../src/server/headlessHost';

const TRACKS = Number(process.env.BENCH_TRACKS ?? 100_000);
// The search typed (default "song 90".."song 96", about 1,100 matches each); e.g. BENCH_SEARCH=so for the prefix
// search of two characters, BENCH_SEARCH=song for one that every track matches.
const SEARCH = process.env.BENCH_SEARCH;
const ALBUMS = Math.max(1, Math.round(TRACKS / 10));
const ARTISTS = Math.max(1, Math.round(ALBUMS / 5));
const root = mkdtempSync(join(tmpdir(), 'cassette-bench-library-'));
const rendererDir = join(root, 'renderer');
mkdirSync(rendererDir, { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Cassette</title>');

function seed(): void {
  const db = openDatabase(join(root, 'catalog.db'));
  const now = Date.now();
  const artist = db.prepare('INSERT INTO artists (name, name_key, created_at) VALUES (?, ?, ?)');
  const album = db.prepare('INSERT INTO albums (title, artist_id, album_key, track_count, created_at) VALUES (?, ?, ?, 10, ?)');
  const track = db.prepare(
    `INSERT INTO tracks (title, artist_id, album_id, track_number, track_key, local_path, size_bytes, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let a = 1; a <= ARTISTS; a++) artist.run(`Artist ${String(a).padStart(5, '0')}`, `artist ${String(a).padStart(5, '0')}`, now);
    for (let al = 1; al <= ALBUMS; al++) {
      const artistId = ((al - 1) % ARTISTS) + 1;
      album.run(`Album ${al}`, artistId, `${artistId}|album ${al}|`, now);
      const dir = join(root, 'lib', `a${artistId}`, `al${al}`);
      const onDisk = al % 10 < 3;
      if (onDisk) mkdirSync(dir, { recursive: true });
      for (let n = 1; n <= 10; n++) {
        const i = (al - 1) * 10 + n;
        if (i > TRACKS) break;
        let path: string | null = null;
        if (onDisk) {
          path = join(dir, `${n}.mp3`);
          writeFileSync(path, 'x');
        }
        track.run(`Song ${i}`, artistId, al, n, `k${i}`, path, path ? 1 : null, path ? 'downloaded' : 'missing', now, now);
      }
    }
  })();
  db.close();
}

async function rpc(ws: WebSocket, method: string, input: unknown): Promise<number> {
  const id = Math.floor(Math.random() * 1e9);
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(String(data)) as { id?: number; result?: { ok: boolean; error?: { message: string } } };
      if (msg.id !== id) return;
      ws.off('message', onMessage);
      if (msg.result?.ok) resolve();
      else reject(new Error(`${method}: ${msg.result?.error?.message}`));
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, input }));
  });
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  seed();
  const token = 'bench-token-0123456789';
  const t0 = performance.now();
  const core = createCore({ paths: pathsFor(root), logger: silentLogger }, { host: 'headless', runQueue: false, reconcileOnStart: false, env: {} });
  const host = await startHeadlessHost({ core, token, rendererDir, port: 0 });
  const page = await fetch(`${host.url}/`);
  await page.text();
  const startupMs = performance.now() - t0;
  // The start-up reconcile runs after the page is served; the queries below are measured once it is done.
  const reconcile = new Promise<void>((resolve) => setImmediate(() => { core.reconcile(); resolve(); }));
  await reconcile;

  const ws = new WebSocket(`${host.url.replace(/^http/, 'ws')}/rpc`, { headers: { Authorization: `Bearer ${token}` } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const artists: number[] = [];
  const album: number[] = [];
  const search: number[] = [];
  for (let i = 0; i < 7; i++) {
    artists.push(await rpc(ws, 'library.artists', { sort: 'name', offset: 0, limit: 100 }));
    album.push(await rpc(ws, 'library.album', { id: 1 + ((i * 997) % ALBUMS) }));
    search.push(await rpc(ws, 'library.tracks', { search: SEARCH ?? `song 9${i}`, offset: 0, limit: 100 }));
  }
  ws.close();
  await host.close();
  await core.close();
  const r = (n: number) => Math.round(n * 10) / 10;
  process.stdout.write(
    `${JSON.stringify({ tracks: TRACKS, startupMs: r(startupMs), artistsMs: r(median(artists)), albumMs: r(median(album)), searchMs: r(median(search)) })}\n`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
