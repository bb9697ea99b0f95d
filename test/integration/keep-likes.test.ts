// "Keep my likes" against the Spotify emulator: with [spotify] keep_likes on, Liked Songs are a playlist of the
// Playlists page and go through the missing-tracks analysis — into the catalog with their Spotify ids, the
// missing ones queued — on demand and on the backup schedule; a second run adds only the new likes.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCore, OWNER, pathsFor, silentLogger, type Core } from '../../src/main/core';
import type { MissingRunDto, PlaylistSummaryDto, SpotifySignInStateDto } from '../../src/shared/contract';
import { startSpotifyEmulator, type SpotifyEmulator } from '../emulators/spotify';
import { memorySecrets, visit } from '../support/spotify';
import { sourceWorld, type SourceWorld } from '../support/spotifyWorld';
import { FakeClock, tempDir } from '../support/testCore';

let emu: SpotifyEmulator;
let src: SourceWorld;
let dir: string;
let cleanup: () => Promise<void>;
let core: Core;
const clock = new FakeClock();

const open = (toml: string) => {
  const paths = pathsFor(join(dir, 'data'));
  return mkdir(paths.configDir, { recursive: true })
    .then(() => writeFile(join(paths.configDir, 'cassette.toml'), toml))
    .then(() =>
      createCore(
        { paths, clock, logger: silentLogger, secrets: memorySecrets() },
        {
          host: 'test', runQueue: false, backupSchedule: false, libraryDir: join(dir, 'Library'),
          env: { SPOTIFY_CLIENT_ID: emu.clientId, SPOTIFY_ACCOUNTS_BASE: emu.accountsBase, SPOTIFY_API_BASE: emu.apiBase },
        },
      ),
    );
};
const call = async <T>(method: string, input?: unknown): Promise<T> => {
  const r = await core.dispatch(method, input, OWNER);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
};
async function signIn(account: string, userId: string): Promise<void> {
  emu.signInAs(userId);
  const outcome = new Promise<SpotifySignInStateDto>((resolve) => core.events.on('spotify.signIn', (s) => s.account === account && s.state !== 'waiting' && resolve(s)));
  const started = await call<SpotifySignInStateDto>('spotify.signIn', { account });
  await visit(started.authorizeUrl!);
  expect(await outcome).toMatchObject({ state: 'signed_in' });
}
const likesAnalysed = () =>
  new Promise<MissingRunDto>((resolve) => core.events.on('missing.progress', (p) => p.ref === 'spotify:liked' && p.state === 'finished' && resolve(p)));
const likedTracks = () =>
  core.db.prepare(`SELECT spotify_id, title, status FROM tracks WHERE spotify_id IS NOT NULL ORDER BY title`).all() as { spotify_id: string; title: string; status: string }[];
const queuedRequests = () => (core.db.prepare(`SELECT count(*) AS n FROM queue_items WHERE status = 'pending'`).get() as { n: number }).n;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('cassette-keep-likes-'));
  src = sourceWorld({ likes: 5, playlists: 0 });
  emu = await startSpotifyEmulator({ world: src.world });
});
afterEach(async () => {
  await core.close();
  await emu.close();
  await cleanup();
});

it('Liked Songs go into the catalog with their Spotify ids and the missing ones are queued; a second run adds only the new likes', async () => {
  core = await open('[spotify]\nkeep_likes = true\n');
  await signIn('main', 'alice');

  const lists = await call<PlaylistSummaryDto[]>('playlists.list');
  expect(lists[0]).toEqual({ ref: 'spotify:liked', kind: 'spotify', name: 'Liked Songs', tracks: 5, playlistId: null, account: 'main' });

  let done = likesAnalysed();
  await call('missing.analyse', { playlist: 'spotify:liked' });
  expect(await done).toMatchObject({ total: 5, toDownload: 5, owned: 0, name: 'Liked Songs' });
  const first = likedTracks();
  expect(first.map((t) => [t.spotify_id, t.title])).toEqual(src.tracks.slice(0, 5).map((t) => [t.id, t.name]));
  expect(new Set(first.map((t) => t.status))).toEqual(new Set(['queued']));
  expect(queuedRequests()).toBe(5);

  src.world.like('alice', [src.tracks[10]!.id, src.tracks[11]!.id]);
  done = likesAnalysed();
  await call('missing.analyse', { playlist: 'spotify:liked' });
  expect(await done).toMatchObject({ total: 7, toDownload: 7 });
  const second = likedTracks();
  expect(second).toHaveLength(7);
  expect(second.map((t) => t.spotify_id).sort()).toEqual([...src.tracks.slice(0, 5), src.tracks[10]!, src.tracks[11]!].map((t) => t.id).sort());
  // Nothing twice: one catalog row and one request per like.
  expect(queuedRequests()).toBe(7);
  expect((await call<PlaylistSummaryDto[]>('playlists.list'))[0]).toMatchObject({ ref: 'spotify:liked', tracks: 7, playlistId: expect.any(Number) });
});

it('on the backup schedule the likes are checked when due; with keep my likes off they are not checked, on the schedule or on demand', async () => {
  core = await open('[spotify]\nkeep_likes = true\nschedule = "daily"\n');
  await signIn('main', 'alice');
  const done = likesAnalysed();
  expect(await core.keepLikes.tick()).toBe(true);
  await done;
  expect(likedTracks()).toHaveLength(5);
  // Just ran: not due again until a day has (nearly) passed.
  expect(await core.keepLikes.tick()).toBe(false);
  clock.advance(24 * 60 * 60_000);
  const again = likesAnalysed();
  expect(await core.keepLikes.tick()).toBe(true);
  await again;
  await core.close();

  core = await open('[spotify]\nschedule = "daily"\n');
  clock.advance(2 * 24 * 60 * 60_000);
  expect(await core.keepLikes.tick()).toBe(false);
  const r = await core.dispatch('missing.analyse', { playlist: 'spotify:liked' }, OWNER);
  expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/Keep my likes/) } });
});
