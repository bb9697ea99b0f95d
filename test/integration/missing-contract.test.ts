// The contract methods the Playlists page, the dashboard modal and the bubble will use: playlists.list,
// missing.analyse (background, per-track missing.progress), missing.state after a restart, missing.review and
// missing.decide, missing.cancel — all through dispatch, as a transport calls them.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { OWNER, type Core } from '../../src/main/core';
import type { EventPayload } from '../../src/shared/contract';
import { startPlexEmulator, type PlexEmulator } from '../emulators/plex';
import { openTestCore, tempDir } from '../support/testCore';

let dir: string;
let cleanup: () => Promise<void>;
let plex: PlexEmulator;
const cores: Core[] = [];
const open = () => {
  const c = openTestCore(join(dir, 'data'), { env: { PLEX_URL: plex.url, PLEX_TOKEN: 'tok' }, runQueue: false });
  cores.push(c);
  return c;
};
const call = async <T>(core: Core, method: string, input?: unknown): Promise<T> => {
  const r = await core.dispatch(method, input, OWNER);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
};

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('cassette-missing-contract-'));
  plex = await startPlexEmulator({
    token: 'tok',
    sections: [{ key: '1', title: 'Music', type: 'artist', tracks: [
      { title: 'Teardrop', artist: 'Massive Attack', album: 'Mezzanine', durationSec: 330 },
      { title: 'Smells Like Teen Spirit', artist: 'Nirvana', album: 'Nevermind', durationSec: 301 },
    ] }],
  });
  await writeFile(join(dir, 'list.m3u8'), [
    '#EXTM3U', '#PLAYLIST:Evening',
    '#EXTINF:331,Massive Attack - Teardrop', '/m/a.flac',
    '#EXTALB:Nevermind', '#EXTINF:301,Nirvana - Teen Spirit', '/m/b.flac',
    '#EXTINF:250,Portishead - Roads', '/m/c.flac',
  ].join('\n'));
});
afterEach(async () => {
  while (cores.length) await cores.pop()!.close();
  await plex.close();
  await cleanup();
});

it('analyse in the background with per-track progress, read the state after a restart, review and decide', async () => {
  const core = open();
  const ref = join(dir, 'list.m3u8');
  const progress: EventPayload<'missing.progress'>[] = [];
  const finished = new Promise<void>((resolve) =>
    core.events.on('missing.progress', (p) => {
      progress.push(p);
      if (p.state === 'finished') resolve();
    }),
  );
  const run = await call<{ runId: number; state: string; total: number }>(core, 'missing.analyse', { playlist: ref, library: 'plex' });
  expect(run).toMatchObject({ state: 'running', total: 3 });
  await finished;
  expect(progress.filter((p) => p.track).map((p) => [p.done, p.track!.title, p.track!.status])).toEqual([
    [1, 'Teardrop', 'owned'],
    [2, 'Teen Spirit', 'review'],
    [3, 'Roads', 'download'],
  ]);

  await core.close();
  cores.pop();
  const restarted = open();
  const [state] = await call<{ runId: number; state: string; owned: number; toDownload: number; review: number; name: string }[]>(restarted, 'missing.state', { playlist: ref });
  expect(state).toMatchObject({ runId: run.runId, state: 'finished', owned: 1, toDownload: 1, review: 1, name: 'Evening' });

  const review = await call<{ key: string; title: string; match: { title: string } }[]>(restarted, 'missing.review', { playlist: ref });
  expect(review.map((e) => [e.title, e.match.title])).toEqual([['Teen Spirit', 'Smells Like Teen Spirit']]);
  // The review entry waited outside the catalog; a decision brings it in, owned on Plex.
  expect((restarted.db.prepare('SELECT count(*) AS n FROM tracks').get() as { n: number }).n).toBe(2);
  const decided = await call<{ status: string; decision: string; trackId: number }>(restarted, 'missing.decide', { playlist: ref, key: review[0]!.key, decision: 'owned' });
  expect(decided).toMatchObject({ status: 'owned', decision: 'owned' });
  expect(restarted.catalog.getTrack(decided.trackId)).toMatchObject({ status: 'downloaded' });
  expect(await call<unknown[]>(restarted, 'missing.review', { playlist: ref })).toEqual([]);

  const lists = await call<{ ref: string; kind: string; playlistId: number | null }[]>(restarted, 'playlists.list');
  expect(lists).toEqual([expect.objectContaining({ ref, kind: 'm3u', name: 'Evening', tracks: 3 })]);
  await expect(call(restarted, 'missing.cancel', { runId: 999 })).rejects.toThrow(/not_found/);
  await expect(call(restarted, 'missing.review', { playlist: join(dir, 'other.csv') })).rejects.toThrow(/not_found.*not been analysed/);
});

it('missing.downloads counts where the playlist tracks stand in the catalog, following the queue', async () => {
  const core = open();
  const ref = join(dir, 'list.m3u8');
  const finished = new Promise<void>((resolve) => core.events.on('missing.progress', (p) => p.state === 'finished' && resolve()));
  await call(core, 'missing.analyse', { playlist: ref, library: 'plex' });
  await finished;
  type Downloads = { counts: Record<string, number>; entries: { key: string; trackId: number; status: string; error: string | null }[] };
  const before = await call<Downloads>(core, 'missing.downloads', { playlist: ref });
  // Teardrop is owned on Plex; Roads is to download (queued by the rebuild); Teen Spirit waits for review outside the catalog.
  expect(before.counts).toEqual({ tracks: 2, missing: 0, queued: 1, downloading: 0, downloaded: 1, failed: 0, review: 0, ignored: 0 });
  const roads = before.entries.find((e) => e.status === 'queued')!;
  core.catalog.markFailed(roads.trackId, 'not_found', 'Nobody shares it', null);
  const after = await call<Downloads>(core, 'missing.downloads', { playlist: ref });
  expect(after.counts).toMatchObject({ queued: 0, failed: 1, downloaded: 1 });
  expect(after.entries.find((e) => e.trackId === roads.trackId)).toMatchObject({ status: 'failed', error: 'Nobody shares it' });
  await expect(call(core, 'missing.downloads', { playlist: join(dir, 'other.csv') })).rejects.toThrow(/not_found/);
});

it('missing.cancelDownloads cancels the playlist queued downloads and leaves the rest of the queue alone', async () => {
  const core = open();
  const ref = join(dir, 'list.m3u8');
  const other = core.catalog.upsertTrack({ title: 'Unrelated', artist: { name: 'Someone' } });
  const { item: otherItem } = core.queue.enqueueTrack({ trackId: other, source: 'slskd', priority: 2 });
  const finished = new Promise<void>((resolve) => core.events.on('missing.progress', (p) => p.state === 'finished' && resolve()));
  await call(core, 'missing.analyse', { playlist: ref, library: 'plex' });
  await finished;
  expect(await call(core, 'missing.cancelDownloads', { playlist: ref })).toEqual({ cancelled: 1 });
  const after = await call<{ counts: Record<string, number> }>(core, 'missing.downloads', { playlist: ref });
  expect(after.counts).toMatchObject({ queued: 0, missing: 1, downloaded: 1 });
  expect(core.queue.get(otherItem.id)).toMatchObject({ status: 'pending' });
  expect(await call(core, 'missing.cancelDownloads', { playlist: ref })).toEqual({ cancelled: 0 });
});

it('missing.ignore takes an entry awaiting a library decision out of the review list, across re-analyses, until taken back', async () => {
  const core = open();
  const ref = join(dir, 'list.m3u8');
  const analyse = async () => {
    const finished = new Promise<void>((resolve) => core.events.on('missing.progress', (p) => p.state === 'finished' && resolve()));
    await call(core, 'missing.analyse', { playlist: ref, library: 'plex' });
    await finished;
  };
  await analyse();
  const [spirit] = await call<{ key: string; awaiting: string | null }[]>(core, 'missing.review', { playlist: ref });
  expect(spirit).toMatchObject({ awaiting: 'library' });
  expect(await call(core, 'missing.ignore', { playlist: ref, key: spirit!.key, ignored: true })).toMatchObject({ ignored: true, awaiting: null });
  expect(await call<unknown[]>(core, 'missing.review', { playlist: ref })).toEqual([]);
  await analyse();
  expect(await call<unknown[]>(core, 'missing.review', { playlist: ref })).toEqual([]);
  // Still outside the catalog: nothing was queued for it.
  expect((core.db.prepare('SELECT count(*) AS n FROM tracks').get() as { n: number }).n).toBe(2);
  await call(core, 'missing.ignore', { playlist: ref, key: spirit!.key, ignored: false });
  expect(await call<{ key: string }[]>(core, 'missing.review', { playlist: ref })).toEqual([expect.objectContaining({ key: spirit!.key, ignored: false, awaiting: 'library' })]);
  await expect(call(core, 'missing.ignore', { playlist: ref, key: 'nope', ignored: true })).rejects.toThrow(/not_found/);
  await expect(call(core, 'missing.candidates', { playlist: ref, key: spirit!.key })).rejects.toThrow(/invalid_input: "Teen Spirit" is not a track to download yet/);
});

it('missing.preview is the analysis as a dry run: counters and verdicts, nothing written', async () => {
  const core = open();
  const ref = join(dir, 'list.m3u8');
  const before = core.db.prepare('SELECT (SELECT count(*) FROM tracks) AS tracks, (SELECT count(*) FROM playlists) AS playlists, (SELECT count(*) FROM missing_runs) AS runs, (SELECT count(*) FROM queue_items) AS queued').get();
  const p = await call<{ name: string; total: number; owned: number; toDownload: number; review: number; library: { source: string }; tracks: { title: string; status: string; match: { title: string } | null }[] }>(
    core, 'missing.preview', { playlist: ref, library: 'plex' },
  );
  expect(p).toMatchObject({ name: 'Evening', total: 3, owned: 1, toDownload: 1, review: 1, library: { source: 'live' } });
  expect(p.tracks.map((t) => [t.title, t.status, t.match?.title ?? null])).toEqual([
    ['Teardrop', 'owned', 'Teardrop'],
    ['Teen Spirit', 'review', 'Smells Like Teen Spirit'],
    ['Roads', 'download', null],
  ]);
  expect(core.db.prepare('SELECT (SELECT count(*) FROM tracks) AS tracks, (SELECT count(*) FROM playlists) AS playlists, (SELECT count(*) FROM missing_runs) AS runs, (SELECT count(*) FROM queue_items) AS queued').get()).toEqual(before);
  await expect(call(core, 'missing.preview', { playlist: join(dir, 'absent.m3u8') })).rejects.toThrow(/No playlist file at/);
});
