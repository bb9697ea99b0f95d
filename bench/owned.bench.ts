// npm run bench:owned — the "do I own it?" check at scale: a 100,000-track Plex library (emulated, mirrored
// through the real connector) and a 1,000-track playlist of labelled near-duplicates of it: owned ones (the same
// track, a remaster, an added feat., a few seconds off) and not-owned ones (live, a remix, the same title by
// another artist, another length, absent titles). Prints JSON {library, playlist, ms, precision, recall,
// plexRefreshMs} last: `ms` is the owned-check wall time (index build + 1,000 checks), `plexRefreshMs` the time
// to refresh the 100,000-track mirror when nothing changed (bound by the paging).
// What runs is the app's code path: MirrorStore.refresh through PlexConnector (paged HTTP, zod, the fingerprint
// comparison), then buildOwnedIndex (the mirror's stored blocking index plus the catalog) and OwnedIndex.check.
// The Plex emulator runs in a child process, as a real server does (BENCH_PLEX_IN_PROCESS=1 runs it in this one,
// which adds the server's own JSON encoding to the measured refresh). Compare with the numbers in the issue:
// before precomputed keys and pipelined paging, ms ≈ 4,700–12,600 and plexRefreshMs ≈ 2,700–6,900 here.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/main/db';
import { buildOwnedIndex, type OwnedEntry } from '../src/main/flows/missingTracks';
import { MirrorStore, PlexConnector } from '../src/main/providers';
import { generateLibrary, startPlexEmulator, type LibraryTrackSpec } from '../test/emulators/plex';

const LIBRARY = Number(process.env.BENCH_LIBRARY ?? 100_000);
const PLAYLIST = Number(process.env.BENCH_PLAYLIST ?? 1_000);

let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 2 ** 32;
};

type Labelled = { entry: OwnedEntry; owned: boolean; kind: string };
const variants: ((t: LibraryTrackSpec) => Labelled)[] = [
  (t) => ({ kind: 'same', owned: true, entry: { title: t.title, artists: [t.artist], album: t.album, durationSec: t.durationSec + 1 } }),
  (t) => ({ kind: 'remaster', owned: true, entry: { title: `${t.title} - 2011 Remaster`, artists: [t.artist], album: `${t.album} (Remastered)`, durationSec: t.durationSec - 2 } }),
  (t) => ({ kind: 'feat', owned: true, entry: { title: `${t.title} (feat. Guest Singer)`, artists: [t.artist], durationSec: t.durationSec } }),
  (t) => ({ kind: 'no album', owned: true, entry: { title: t.title, artists: [t.artist], durationSec: t.durationSec + 4 } }),
  (t) => ({ kind: 'live', owned: false, entry: { title: `${t.title} - Live`, artists: [t.artist], durationSec: t.durationSec + 20 } }),
  (t) => ({ kind: 'remix', owned: false, entry: { title: `${t.title} (Night Drive Remix)`, artists: [t.artist], durationSec: t.durationSec + 60 } }),
  (t) => ({ kind: 'other artist', owned: false, entry: { title: t.title, artists: ['Somebody Else Entirely'], durationSec: t.durationSec } }),
  (t) => ({ kind: 'other length', owned: false, entry: { title: t.title, artists: [t.artist], album: 'Concert Hall Recordings', durationSec: t.durationSec + 95 } }),
  (t) => ({ kind: 'absent', owned: false, entry: { title: `Unreleased Demo Tape ${Math.floor(rand() * 1e6)}`, artists: [t.artist], durationSec: t.durationSec } }),
];

/** The emulated Plex server: a child process (default) or in this process. */
async function startPlex(library: LibraryTrackSpec[]): Promise<{ url: string; close(): Promise<void> }> {
  if (process.env.BENCH_PLEX_IN_PROCESS === '1') {
    return startPlexEmulator({ token: 'bench', sections: [{ key: '1', title: 'Music', type: 'artist', tracks: library }] });
  }
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'plexServer.ts'), String(LIBRARY)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += String(chunk);
      if (out.includes('\n')) resolve((JSON.parse(out.slice(0, out.indexOf('\n'))) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`the Plex emulator exited (${code ?? 'signal'}) before listening`)));
  });
  return {
    url,
    async close() {
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

async function main(): Promise<void> {
  const library = generateLibrary(LIBRARY);
  const plex = await startPlex(library);
  const dir = mkdtempSync(join(tmpdir(), 'cassette-bench-owned-'));
  const db = openDatabase(join(dir, 'catalog.db'));
  try {
    const mirror = new MirrorStore(db, { now: () => Date.now() });
    const connector = new PlexConnector({ url: plex.url, token: 'bench' });
    await mirror.refresh(connector);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const again = await mirror.refresh(connector);
    const plexRefreshMs = Math.round(performance.now() - t0);
    const refreshCpuMs = cpuMs(process.cpuUsage(cpu0));
    if (again.unchanged !== LIBRARY) throw new Error(`refresh saw changes: ${JSON.stringify(again)}`);

    const labelled: Labelled[] = Array.from({ length: PLAYLIST }, (_, i) => variants[i % variants.length]!(library[Math.floor(rand() * library.length)]!));
    const t1 = performance.now();
    const cpu1 = process.cpuUsage();
    const index = buildOwnedIndex({ db, mirror, connector: 'plex' });
    const built = performance.now();
    const verdicts = labelled.map((l) => index.check(l.entry));
    const ms = Math.round(performance.now() - t1);
    // CPU time beside wall time: on a shared machine the wall time also counts waiting for a core.
    process.stderr.write(
      `refresh ${plexRefreshMs} ms (this process's CPU ${refreshCpuMs} ms); index build ${Math.round(built - t1)} ms, checks ${Math.round(performance.now() - built)} ms (CPU ${cpuMs(process.cpuUsage(cpu1))} ms)\n`,
    );

    let tp = 0;
    let fp = 0;
    let fn = 0;
    const misses: Record<string, number> = {};
    labelled.forEach((l, i) => {
      const owned = verdicts[i]!.owned;
      if (owned && l.owned) tp++;
      else if (owned && !l.owned) fp++;
      else if (!owned && l.owned) fn++;
      if (owned !== l.owned) misses[l.kind] = (misses[l.kind] ?? 0) + 1;
    });
    if (Object.keys(misses).length) process.stderr.write(`misclassified by kind: ${JSON.stringify(misses)}\n`);
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    process.stdout.write(`${JSON.stringify({ library: LIBRARY, playlist: PLAYLIST, ms, precision: round(precision), recall: round(recall), plexRefreshMs })}\n`);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
    await plex.close();
  }
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
const cpuMs = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1000);

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
