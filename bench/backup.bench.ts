// `npm run bench:backup`: a Spotify backup of an account with 10,000 likes and 200 playlists (50,000 items)
// against the emulator — the first backup, then an unchanged re-backup. Target: the re-backup makes ≤ 5 % of the
// first run's Web API requests, and the first run is bound by the request count (its wall time close to the time
// the emulator spent answering, with 4 requests in flight), not by Cassette.
// Prints one JSON object as the last line: {"first":{"requests","ms"},"rebackup":{"requests","ms"},"emulatorMs"}.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBackup, spotifyBackupSource } from '../src/main/flows/backupRun';
import { SpotifyWorld, startSpotifyEmulator, type EmuEntryRef } from '../test/emulators/spotify';
import { providerFor, signIn } from '../test/support/spotify';

const LIKES = 10_000;
const PLAYLISTS = 200;
const ITEMS = 250;

const world = new SpotifyWorld();
world.addUser({ id: 'bench', displayName: 'Bench' });
const tracks = Array.from({ length: LIKES }, (_, i) =>
  world.addTrack({ name: `Song ${i}`, artists: [{ id: `ar${String(i % 500).padStart(20, '0')}`, name: `Artist ${i % 500}` }], isrc: `BEN${String(i).padStart(9, '0')}`, durationMs: 150_000 + (i % 120) * 1000 }),
);
world.like('bench', tracks.map((t) => t.id));
const cover = Buffer.alloc(40_000, 7);
for (let p = 0; p < PLAYLISTS; p++) {
  const pl = world.addPlaylist({ ownerId: 'bench', name: `Playlist ${p}`, cover });
  const refs: EmuEntryRef[] = Array.from({ length: ITEMS }, (_, k) => ({ kind: 'track', id: tracks[(p * 37 + k * 11) % LIKES]!.id }));
  world.append(pl.id, refs);
}

const emu = await startSpotifyEmulator({ world });
const fx = providerFor(emu);
const root = await mkdtemp(join(tmpdir(), 'cassette-bench-backup-'));
try {
  await signIn(fx.provider, emu, 'main', 'bench');
  const run = async () => {
    const busyBefore = emu.busyMs();
    const t0 = performance.now();
    const r = await runBackup({ source: spotifyBackupSource(await fx.provider.api('main')), root, keepRuns: 30 });
    const ms = Math.round(performance.now() - t0);
    if (r.status !== 'complete') throw new Error(`backup ended ${r.status}: ${r.reason ?? ''}`);
    return { requests: r.requests, ms, emulatorMs: Math.round(emu.busyMs() - busyBefore), reused: r.reusedPlaylists, likes: r.likes, playlists: r.playlists };
  };
  const first = await run();
  process.stderr.write(`first backup: ${JSON.stringify(first)}\n`);
  const rebackup = await run();
  process.stderr.write(`unchanged re-backup: ${JSON.stringify(rebackup)} (${((rebackup.requests / first.requests) * 100).toFixed(2)} % of the first run's requests)\n`);
  // emulatorMs: summed answer time of every request of the first run (4 are in flight at once, so wall time
  // bound by the requests is about emulatorMs / 4).
  process.stdout.write(`${JSON.stringify({ first: { requests: first.requests, ms: first.ms }, rebackup: { requests: rebackup.requests, ms: rebackup.ms }, emulatorMs: first.emulatorMs })}\n`);
} finally {
  fx.close();
  await emu.close();
  await rm(root, { recursive: true, force: true });
}
