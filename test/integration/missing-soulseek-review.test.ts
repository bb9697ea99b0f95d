// The Soulseek half of the review list, through dispatch as a transport calls it: a playlist track whose only
// Soulseek files score below the accept line lands in review with its candidates (not retried), survives a
// restart, is resolved by picking one (downloaded exactly that file, filed and tagged, Downloaded); "Search again"
// with the person's own words replaces the candidates; "Ignore" survives a re-analysis and can be taken back.
// A track no playlist links keeps the plain not_found.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { OWNER, type Core } from '../../src/main/core';
import { createSlskdSource } from '../../src/main/sources';
import type { EventPayload, MissingEntryDto, PeerReviewDto, PlaylistDownloadsDto, QueueRow } from '../../src/shared/contract';
import { flac, mp3, peer, startSlskdEmulator, type SlskdEmulator } from '../emulators/slskd';
import { hasMutagen, mutagenTags } from '../support/mutagenTags';
import { openTestCore, tempDir } from '../support/testCore';

const SECONDS = 3;
const API_KEY = 'review-key';
let dir: string;
let cleanup: () => Promise<void>;
let emu: SlskdEmulator;
let downloadsDir: string;
const cores: Core[] = [];

const open = (runQueue = true): Core => {
  const source = createSlskdSource({
    baseUrl: emu.url, apiKey: API_KEY, downloadsDir, pollMs: 30, searchTimeoutMs: 200, stallMs: 20_000,
    budget: { maxSearches: 1000, windowMs: 60_000, minGapMs: 0 }, searchCacheTtlMs: 0,
  });
  const c = openTestCore(join(dir, 'data'), { sources: { slskd: source }, defaultSource: 'slskd', runQueue, resumeAnalysesOnStart: false });
  cores.push(c);
  return c;
};
const call = async <T>(core: Core, method: string, input?: unknown): Promise<T> => {
  const r = await core.dispatch(method, input, OWNER);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
};
const analysed = async (core: Core, ref: string): Promise<void> => {
  const finished = new Promise<void>((resolve) => core.events.on('missing.progress', (p: EventPayload<'missing.progress'>) => p.state === 'finished' && resolve()));
  await call(core, 'missing.analyse', { playlist: ref });
  await finished;
};
const until = async (what: () => boolean, ms = 15_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('cassette-soulseek-review-'));
  downloadsDir = join(dir, 'slskd-downloads');
  await mkdir(downloadsDir, { recursive: true });
  emu = await startSlskdEmulator({
    downloadsDir, apiKey: API_KEY, searchDelayMs: 20, transferBytesPerSec: 5_000_000,
    peers: [
      // Close calls only: a bare title (no artist named), a misspelt artist announced far too long; and a live take,
      // which is another recording and never offered.
      peer('loosefiles').file('@@share\\Misc\\Roads.mp3', mp3(SECONDS)).file('@@share\\Misc\\Glory Box.mp3', mp3(SECONDS)),
      peer('typist', { uploadSpeed: 3_000_000 }).file('@@x\\Portisheads - Roads.flac', flac(SECONDS), { advertise: { length: 30 } }),
      peer('bootlegger').file('@@x\\Portishead - Roads (Live).mp3', mp3(SECONDS)),
    ],
  });
  await writeFile(join(dir, 'list.m3u8'), [
    '#EXTM3U', '#PLAYLIST:Trip', `#EXTALB:Dummy`, `#EXTINF:${SECONDS},Portishead - Roads`, '/m/roads.flac', `#EXTINF:${SECONDS},Portishead - Glory Box`, '/m/glory.flac',
  ].join('\n'));
});
afterEach(async () => {
  while (cores.length) await cores.pop()!.close();
  await emu.close();
  await cleanup();
});

it('close calls of a playlist track wait in review, survive a restart, and a pick downloads exactly that file', async () => {
  const core = open();
  const ref = join(dir, 'list.m3u8');
  await analysed(core, ref);
  await until(() => core.queue.list({ view: 'failed' }).total === 2);
  await core.processor.whenIdle();

  const failed = core.queue.list({ view: 'failed' }).items;
  expect(failed.map((f) => f.error_type)).toEqual(['needs_review', 'needs_review']);
  expect(failed.every((f) => f.next_retry_at === null)).toBe(true);
  const review = await call<MissingEntryDto[]>(core, 'missing.review', { playlist: ref });
  expect(review.map((e) => [e.title, e.awaiting])).toEqual([['Roads', 'soulseek'], ['Glory Box', 'soulseek']]);
  const downloads = await call<PlaylistDownloadsDto>(core, 'missing.downloads', { playlist: ref });
  expect(downloads.counts).toMatchObject({ tracks: 2, review: 2, failed: 0, queued: 0 });
  // Neither a retry nor a rebuild fetches them on their own.
  expect(core.reconcile().queued).toBe(0);

  // A restart keeps the list and its candidates.
  await core.close();
  cores.pop();
  const again = open();
  const roads = (await call<MissingEntryDto[]>(again, 'missing.review', { playlist: ref })).find((e) => e.title === 'Roads')!;
  const stored = await call<PeerReviewDto>(again, 'missing.candidates', { playlist: ref, key: roads.key });
  expect(stored.query).toBeNull();
  expect(stored.candidates.map((c) => [c.username, c.name])).toEqual([
    ['loosefiles', 'Roads.mp3'],
    ['typist', 'Portisheads - Roads.flac'],
  ]);
  const [bare, misspelt] = stored.candidates;
  expect(misspelt!.quality).toMatch(/^FLAC/);
  expect(misspelt!.lengthSec).toBe(30);
  expect(misspelt!.breakdown.artist).toMatchObject({ weight: 2, detail: '"Portisheads" for "Portishead"' });
  expect(misspelt!.breakdown.length).toMatchObject({ detail: '27 s longer' });
  expect(bare!.quality).toBe('MP3 320');
  expect(bare!.breakdown.artist).toMatchObject({ value: 0.6, detail: 'artist not named' });
  expect(bare!.folder).toBe('Misc');
  for (const c of stored.candidates) expect(c.score).toBeGreaterThanOrEqual(0.75);

  await expect(call(again, 'missing.pick', { playlist: ref, key: roads.key, username: 'bootlegger', filename: '@@x\\Portishead - Roads (Live).mp3' })).rejects.toThrow(/not_found: That file is not among/);
  const row = await call<QueueRow>(again, 'missing.pick', { playlist: ref, key: roads.key, username: 'loosefiles', filename: bare!.filename });
  expect(row.trackId).toBe(roads.trackId);
  await until(() => again.catalog.getTrack(roads.trackId!)?.status === 'downloaded');
  const track = again.catalog.getTrack(roads.trackId!)!;
  expect(track.local_path).toBe(join(dir, 'data', 'Library', 'Portishead', 'Portishead - Dummy', 'Roads.mp3'));
  // Tagged from the catalog like any catalog download, not with the peer's bare name (read back by an independent
  // reader where python3-mutagen is installed, as the tagging tests do).
  if (await hasMutagen()) {
    const { tags } = await mutagenTags(track.local_path!);
    expect(tags).toMatchObject({ TIT2: ['Roads'], TPE1: ['Portishead'], TALB: ['Dummy'] });
  }
  expect(emu.transfers().map((t) => `${t.username}: ${t.filename}`)).toEqual(['loosefiles: @@share\\Misc\\Roads.mp3']);
  const after = await call<MissingEntryDto[]>(again, 'missing.review', { playlist: ref });
  expect(after.map((e) => e.title)).toEqual(['Glory Box']);
  expect((await call<PlaylistDownloadsDto>(again, 'missing.downloads', { playlist: ref })).counts).toMatchObject({ downloaded: 1, review: 1 });
});

it('search again with the person’s words replaces the candidates; ignore survives a re-analysis and is taken back', async () => {
  const core = open();
  const ref = join(dir, 'list.m3u8');
  await analysed(core, ref);
  await until(() => core.queue.list({ view: 'failed' }).total === 2);
  await core.processor.whenIdle();
  const [roads, glory] = await call<MissingEntryDto[]>(core, 'missing.review', { playlist: ref });

  // A peer with a proper copy comes online; the person's own words find it.
  emu.addPeer(peer('collector').file('@@music\\Portishead\\Dummy\\05 - Roads.flac', flac(SECONDS)));
  const found = await call<PeerReviewDto>(core, 'missing.searchAgain', { playlist: ref, key: roads!.key, query: '  portishead   dummy roads ' });
  expect(found.query).toBe('portishead dummy roads');
  expect(found.candidates.map((c) => c.username)).toEqual(['collector']);
  expect(found.candidates[0]!.score).toBeGreaterThan(0.9);
  expect((await call<PeerReviewDto>(core, 'missing.candidates', { playlist: ref, key: roads!.key })).candidates).toEqual(found.candidates);
  const nothing = await call<PeerReviewDto>(core, 'missing.searchAgain', { playlist: ref, key: roads!.key, query: 'nobody shares this' });
  expect(nothing.candidates).toEqual([]);
  await expect(call(core, 'missing.searchAgain', { playlist: ref, key: roads!.key, query: 'x' })).rejects.toThrow(/invalid_input/);
  await expect(call(core, 'missing.searchAgain', { playlist: ref, key: 'nope', query: 'roads' })).rejects.toThrow(/not_found/);

  // Ignore: out of the review list, counted as ignored, and a re-analysis neither brings it back nor queues it.
  const ignored = await call<MissingEntryDto>(core, 'missing.ignore', { playlist: ref, key: glory!.key, ignored: true });
  expect(ignored).toMatchObject({ ignored: true, awaiting: null });
  core.db.prepare(`UPDATE tracks SET status='missing', error_type=NULL WHERE id=?`).run(glory!.trackId);
  await analysed(core, ref);
  await core.processor.whenIdle();
  expect(core.queue.activeForTrack(glory!.trackId!)).toBeUndefined();
  const entries = await call<MissingEntryDto[]>(core, 'missing.review', { playlist: ref, all: true });
  expect(entries.find((e) => e.key === glory!.key)).toMatchObject({ ignored: true, awaiting: null });
  expect((await call<PlaylistDownloadsDto>(core, 'missing.downloads', { playlist: ref })).counts).toMatchObject({ ignored: 1 });

  // Taken back: it is a track to download again (here the close calls come back into review).
  await call(core, 'missing.ignore', { playlist: ref, key: glory!.key, ignored: false });
  await until(() => core.catalog.getTrack(glory!.trackId!)?.error_type === 'needs_review');
  expect((await call<MissingEntryDto[]>(core, 'missing.review', { playlist: ref })).map((e) => e.title)).toContain('Glory Box');
});

it('a track no playlist links is simply not found: nobody reviews it', async () => {
  const core = open();
  const albumId = core.catalog.upsertAlbum({ title: 'Dummy', artist: { name: 'Portishead' } });
  const id = core.catalog.upsertTrack({ title: 'Roads', artist: { name: 'Portishead' }, albumId, durationSec: SECONDS });
  core.reconcile();
  await until(() => core.catalog.getTrack(id)?.status === 'failed');
  expect(core.catalog.getTrack(id)).toMatchObject({ error_type: 'not_found' });
  expect(core.db.prepare('SELECT count(*) AS n FROM peer_reviews').get()).toEqual({ n: 0 });
});
