// Cancelling a matched download through the real queue (the contract's `queue.cancel`, the processor, the
// deliver hook and the filing steps) at each of its stages, against the slskd and Spotify emulators:
// downloading (the peer's transfer held mid-file by the emulator), matching on Spotify, transferring and tagging
// (each held by the core's stage hook until the cancel arrives). Every time: the row shows cancelled, nothing is
// left under Transfer, no part file anywhere, the original handled as the stage demands, and a retry of the
// cancelled row is still a matched download that ends up filed under Transfer. Also: Spotify failing before the
// file has arrived, and a Spotify rate limit in the middle of a matched album download.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { MatchedStage } from '../../src/main/flows/matchedDownload';
import { closeTagWorker } from '../../src/main/library';
import type { QueueItem } from '../../src/main/queue';
import { createSlskdSource } from '../../src/main/sources';
import { startSlskdEmulator, type SlskdEmulator } from '../emulators/slskd';
import { startSpotifyEmulator, type SpotifyEmulator } from '../emulators/spotify';
import { ALBUM_FOLDER, findPeerFiles, matchedPeers, matchedSpotifyWorld, type FoundFile, type MatchedWorld } from '../support/matchedWorld';
import { hasMutagen, mutagenTags } from '../support/mutagenTags';
import { signIn } from '../support/spotify';
import { FakeClock, openTestCore, tempDir } from '../support/testCore';

const API_KEY = 'slskd-cancel-key';
const mutagen = await hasMutagen();
const describeWithMutagen = mutagen ? describe : describe.skip; // reason: python3-mutagen not installed

let dir: string;
let downloadsDir: string;
let transferDir: string;
let cleanup: () => Promise<void>;
let slskd: SlskdEmulator;
let spotify: SpotifyEmulator;
let w: MatchedWorld;
let core: Core;
let files: FoundFile[];

// The real clock: Spotify's Retry-After pauses the account queue until the clock has moved on.
const realClock = new FakeClock();
realClock.now = () => Date.now();

/** The stage the next matched item is held at, until its cancel arrives (see `holdAt`). */
let hold: { stage: MatchedStage; reached: () => void } | undefined;

function openCore(dataDir: string): Core {
  return openTestCore(dataDir, {
    runQueue: true,
    transferDir,
    env: { SPOTIFY_CLIENT_ID: spotify.clientId, SPOTIFY_ACCOUNTS_BASE: spotify.accountsBase, SPOTIFY_API_BASE: spotify.apiBase },
    sources: {
      slskd: createSlskdSource(
        { baseUrl: slskd.url, apiKey: API_KEY, downloadsDir, stallMs: 5_000, pollMs: 20, searchTimeoutMs: 50, budget: { maxSearches: 100, windowMs: 1_000, minGapMs: 0 } },
        { http: { retries: 2, backoffLimitMs: 50 } },
      ),
    },
    onMatchedStage: async (_id, stage, signal) => {
      if (!hold || hold.stage !== stage) return;
      const h = hold;
      hold = undefined;
      h.reached();
      if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    },
  }, realClock);
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('cassette-matched-cancel-'));
  downloadsDir = join(dir, 'slskd-downloads');
  transferDir = join(dir, 'Transfer');
  await mkdir(downloadsDir);
  w = matchedSpotifyWorld();
  spotify = await startSpotifyEmulator({ world: w.world });
  slskd = await startSlskdEmulator({ downloadsDir, apiKey: API_KEY, searchDelayMs: 20, tickMs: 10, requestedMs: 10, transferBytesPerSec: 5_000_000, peers: matchedPeers() });
  core = openCore(join(dir, 'data'));
  await signIn(await core.spotify(), spotify, 'main', 'alice');
  files = await findPeerFiles(slskd.url, API_KEY, 'music');
}, 60_000);

afterAll(async () => {
  await core?.close();
  await closeTagWorker();
  await slskd?.close();
  await spotify?.close();
  await cleanup();
});

const daft = () => ({ id: w.daft.id, name: w.daft.name });
const remote = (track: string) => `${ALBUM_FOLDER}\\${track}.mp3`;
/** Where slskd puts a file of the album folder. */
const original = (track: string) => join(downloadsDir, 'Discovery (2001) [MP3 320]', `${track}.mp3`);
const albumDir = () => join(transferDir, 'Daft Punk', 'Daft Punk - Discovery');

function peerFile(filename: string): FoundFile {
  const f = files.find((x) => x.filename === filename);
  if (!f) throw new Error(`no peer file ${filename}`);
  return f;
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input, { role: 'admin' });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

/** Resolves once the item's row satisfies `ok`, driven by the rows the core pushes (no polling). */
function rowWhere(id: number, ok: (item: QueueItem) => boolean): Promise<QueueItem> {
  return new Promise((resolve) => {
    const test = () => {
      const item = core.queue.get(id);
      if (!item || !ok(item)) return false;
      off();
      resolve(item);
      return true;
    };
    const off = core.events.on('queue.rows', (rows) => void (rows.some((r) => r.id === id) && test()));
    test();
  });
}

/** Holds the next matched item at `stage` until it is cancelled; resolves when it got there. */
function holdAt(stage: MatchedStage): Promise<void> {
  return new Promise((reached) => (hold = { stage, reached }));
}

/** Every file under a folder, relative, sorted. */
async function tree(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name))).sort();
}

async function partFiles(): Promise<string[]> {
  const all = [...(await tree(downloadsDir)), ...(await tree(transferDir)), ...(await tree(join(dir, 'data')))];
  return all.filter((p) => /\.(cassette-)?part$/.test(p));
}

const journalRow = (id: number) => core.db.prepare('SELECT step, target_path FROM filing_journal WHERE queue_item_id = ?').get(id) as { step: string; target_path: string | null } | undefined;

const transfersOf = (filename: string) => slskd.transfers().filter((t) => t.filename === filename).length;

/**
 * A retry of the cancelled row is still matched: filed under Transfer and tagged, from the copy the cancel kept
 * in the downloads folder when there is one (no second download), else downloaded again.
 */
async function retryIsFiled(id: number, track: string, title: string, o: { downloadsAgain: boolean }): Promise<void> {
  const target = join(albumDir(), `${track.replace(/^(\d+) - /, '$1 ')}.mp3`);
  const transfers = transfersOf(remote(track));
  await call('queue.retry', { id });
  const done = await rowWhere(id, (i) => i.status === 'completed' || i.status === 'failed' || i.status === 'retry_waiting');
  expect(done).toMatchObject({ status: 'completed', destination_path: target });
  expect((await mutagenTags(target)).tags).toMatchObject({ TIT2: [title], TALB: ['Discovery'] });
  expect(transfersOf(remote(track))).toBe(transfers + (o.downloadsAgain ? 1 : 0));
  expect(await tree(join(downloadsDir, 'Discovery (2001) [MP3 320]'))).not.toContain(`${track}.mp3`);
  expect(await partFiles()).toEqual([]);
}

describeWithMutagen('cancelling a matched download through the queue', () => {
  it('while downloading: slskd stops the transfer and its partial file goes; nothing under Transfer', async () => {
    const track = '05 - Crescendolls';
    // The peer delivers half the file, then nothing: the download is held mid-way, whatever the machine's speed.
    slskd.setBehaviour('alice', remote(track), { kind: 'stall', atPercent: 50 });
    const before = await tree(transferDir);
    const row = await call<{ id: number }>('match.download', { file: peerFile(remote(track)), artist: daft() });
    await rowWhere(row.id, (i) => i.status === 'in_progress' && i.bytes_downloaded > 0);
    expect(existsSync(original(track))).toBe(true);

    const cancelled = await call<{ status: string }>('queue.cancel', { id: row.id });
    expect(cancelled.status).toBe('cancelled');
    // The progress line of the moment goes with the cancel.
    expect(core.queue.get(row.id)).toMatchObject({ status: 'cancelled', detail: null });
    const transfer = slskd.transfers().find((t) => t.filename === remote(track))!;
    expect(transfer).toMatchObject({ state: 'Completed, Cancelled', removed: true });
    expect(existsSync(original(track))).toBe(false);
    expect(await tree(transferDir)).toEqual(before);
    expect(await partFiles()).toEqual([]);
    expect(core.catalog.getTrack(core.queue.get(row.id)!.track_id!)?.status).toBe('missing');

    slskd.setBehaviour('alice', remote(track), { kind: 'succeed' });
    await retryIsFiled(row.id, track, 'Crescendolls', { downloadsAgain: true });
  });

  it('while matching on Spotify: the downloaded file goes like any cancelled download; nothing is filed', async () => {
    const track = '06 - Nightvision';
    const before = await tree(transferDir);
    const held = holdAt('matching');
    const row = await call<{ id: number }>('match.download', { file: peerFile(remote(track)), artist: daft() });
    await held;
    expect(core.queue.get(row.id)).toMatchObject({ status: 'in_progress', detail: 'matching on Spotify' });
    expect(existsSync(original(track))).toBe(true);

    await call('queue.cancel', { id: row.id });
    expect(core.queue.get(row.id)).toMatchObject({ status: 'cancelled', detail: null });
    expect(existsSync(original(track))).toBe(false);
    expect(await tree(transferDir)).toEqual(before);
    expect(await partFiles()).toEqual([]);
    // The request is kept, so a retry is matched again rather than filed plainly into the library.
    expect(journalRow(row.id)).toMatchObject({ step: 'requested' });

    await retryIsFiled(row.id, track, 'Nightvision', { downloadsAgain: true });
  });

  for (const [stage, track, title] of [['transferring', '07 - Superheroes', 'Superheroes'], ['tagging', '08 - High Life', 'High Life']] as const) {
    it(`while ${stage}: the Transfer copy is rolled back and the original stays in the downloads folder`, async () => {
      const target = join(albumDir(), `${track.replace(/^(\d+) - /, '$1 ')}.mp3`);
      const before = await tree(transferDir);
      const held = holdAt(stage);
      const row = await call<{ id: number }>('match.download', { file: peerFile(remote(track)), artist: daft() });
      await held;
      expect(core.queue.get(row.id)).toMatchObject({ status: 'in_progress', detail: stage });
      // Tagging starts with the copy under its final name; transferring with nothing there yet.
      expect(existsSync(target)).toBe(stage === 'tagging');
      const delivered = await readFile(original(track));

      await call('queue.cancel', { id: row.id });
      // The row says where the file is.
      expect(core.queue.get(row.id)).toMatchObject({ status: 'cancelled', error_type: 'cancelled', detail: `Cancelled while filing: nothing was left under Transfer; the downloaded file stays at ${original(track)}.` });
      expect(existsSync(target)).toBe(false);
      expect(await tree(transferDir)).toEqual(before);
      expect(await partFiles()).toEqual([]);
      expect(await readFile(original(track))).toEqual(delivered);
      expect(core.catalog.getTrack(core.queue.get(row.id)!.track_id!)?.status).toBe('missing');
      expect(journalRow(row.id)).toEqual({ step: 'requested', target_path: null });

      await retryIsFiled(row.id, track, title, { downloadsAgain: false });
    });
  }
});

describe('Spotify failing while the file still downloads', () => {
  it('is the row\'s failure (retried later), never an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    // A core with nobody signed in to Spotify: gathering the metadata fails at once, long before the file is in.
    const other = openCore(join(dir, 'signed-out'));
    const previous = core;
    core = other;
    try {
      const track = '04 - Harder, Better, Faster, Stronger';
      const row = await call<{ id: number }>('match.download', { file: peerFile(remote(track)), artist: daft() });
      const item = await rowWhere(row.id, (i) => i.status !== 'pending' && i.status !== 'in_progress');
      expect(item).toMatchObject({ status: 'retry_waiting', error_type: 'connection', error_message: expect.stringMatching(/Spotify.*Sign in to Spotify/) });
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      core = previous;
      await other.close();
    }
  });
});

describeWithMutagen('a Spotify rate limit in the middle of a matched album download', () => {
  it('is waited out: every track is still filed, numbered, in one folder', async () => {
    const tracks = ['09 - Something About Us', '10 - Voyager', '11 - Veridis Quo', '12 - Short Circuit'];
    // The album's catalogue lookups (its artist's albums, the album, each track's ISRC) come after the folder is
    // queued; the first of them is refused with a Retry-After.
    spotify.faults.inject({ kind: 'rate_limit', path: /^\/v1\/(artists|albums|tracks)\//, retryAfterSec: 1 });
    const rows = await call<Array<{ id: number }>>('match.downloadAlbum', { files: tracks.map((t) => peerFile(remote(t))), artist: daft() });
    const items = await Promise.all(rows.map((r) => rowWhere(r.id, (i) => i.status !== 'pending' && i.status !== 'in_progress')));
    expect(spotify.faults.fired.get('rate_limit')).toBe(1);
    expect(items.map((i) => [i.status, i.destination_path])).toEqual(
      tracks.map((t) => ['completed', join(albumDir(), `${t.replace(/^(\d+) - /, '$1 ')}.mp3`)]),
    );
    expect((await mutagenTags(join(albumDir(), '10 Voyager.mp3'))).tags).toMatchObject({ TIT2: ['Voyager'], TRCK: ['10/12'], TALB: ['Discovery'] });
  });
});
