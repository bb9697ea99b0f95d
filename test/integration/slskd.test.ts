// The slskd source against the slskd emulator: real HTTP, real audio files, real validation.
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { validateAudioFile } from '../../src/main/library';
import {
  candidateKey,
  createSlskdSource,
  parseSlskdExternalRef,
  SearchGate,
  SearchRunner,
  SlskdClient,
  type SlskdConfigInput,
} from '../../src/main/sources';
import { DownloadError, DownloadInterrupted, type FetchContext, type FetchProgress, type TrackWanted } from '../../src/main/base';
import {
  behave,
  flac,
  mp3,
  peer,
  startSlskdEmulator,
  type PeerBuilder,
  type SlskdEmulator,
  type SlskdEmulatorOptions,
} from '../emulators/slskd';

const API_KEY = 'test-api-key-3f9c2a';
const HTTP = { retries: 3, backoffLimitMs: 50 };

const wanted = (over: Partial<TrackWanted> = {}): TrackWanted => ({
  trackId: 1,
  title: 'Harbour Lights',
  artist: 'Nina Vale',
  album: 'Tidewater',
  durationSec: 4,
  externalIds: {},
  ...over,
});

// Remote paths, as peers share them.
const P = {
  flacAlbum: '@@music\\Nina Vale\\Tidewater\\01 - Nina Vale - Harbour Lights.flac',
  mp3Album: 'Music\\Nina Vale - Tidewater (2019)\\01 Harbour Lights.mp3',
  mp3Loose: 'shared\\mp3\\Nina Vale\\Nina Vale - Harbour Lights.mp3',
  flac24: 'hires\\Nina Vale\\Tidewater [24-96]\\01. Harbour Lights.flac',
};

let toneDir: string;
let root: string;
let downloadsDir: string;
let emu: SlskdEmulator | undefined;

beforeAll(async () => {
  toneDir = await mkdtemp(join(tmpdir(), 'cassette-slskd-tones-'));
});
afterAll(async () => {
  await rm(toneDir, { recursive: true, force: true });
});
afterEach(async () => {
  await emu?.close();
  emu = undefined;
  await rm(root, { recursive: true, force: true });
});

async function start(peers: PeerBuilder[], options: Partial<SlskdEmulatorOptions> = {}): Promise<SlskdEmulator> {
  root = await mkdtemp(join(tmpdir(), 'cassette-slskd-'));
  downloadsDir = join(root, 'downloads');
  await mkdir(downloadsDir);
  emu = await startSlskdEmulator({
    downloadsDir,
    apiKey: API_KEY,
    peers,
    searchDelayMs: 30,
    tickMs: 10,
    requestedMs: 10,
    transferBytesPerSec: 3_000_000,
    toneCacheDir: toneDir,
    ...options,
  });
  return emu;
}

function sourceFor(e: SlskdEmulator, over: Partial<SlskdConfigInput> = {}) {
  return createSlskdSource(
    {
      baseUrl: e.url,
      apiKey: API_KEY,
      downloadsDir,
      stallMs: 400,
      pollMs: 20,
      searchTimeoutMs: 50,
      budget: { maxSearches: 100, windowMs: 1_000, minGapMs: 0 },
      ...over,
    },
    { http: HTTP },
  );
}

function context(quarantine = new Map<string, string>()) {
  const progress: FetchProgress[] = [];
  const refs: string[] = [];
  const controller = new AbortController();
  const ctx: FetchContext = {
    signal: controller.signal,
    partPath: join(root, 'unused.part'),
    onProgress: (p) => progress.push(p),
    setExternalRef: (r) => refs.push(r),
    validate: async (path, claim) => {
      await validateAudioFile(path, claim);
    },
    isQuarantined: (k) => quarantine.has(k),
    quarantine: (k, reason) => quarantine.set(k, reason),
  };
  return { ctx, progress, refs, controller, quarantine };
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(join(e.parentPath, e.name));
  }
  return out.sort();
}

const transfersOf = (e: SlskdEmulator, user: string) => e.transfers().filter((t) => t.username === user);

async function rejection(p: Promise<unknown>): Promise<DownloadError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DownloadError);
  return e as DownloadError;
}

describe('searching', () => {
  it('polls until the search is complete and only then reads its responses', async () => {
    const e = await start([peer('alice').file(P.flacAlbum, flac(4)), peer('bob').file(P.mp3Album, mp3(4))], {
      searchDelayMs: 150,
    });
    const runner = new SearchRunner(new SlskdClient({ baseUrl: e.url, apiKey: API_KEY, http: HTTP }), {
      searchTimeoutMs: 80,
      pollMs: 20,
      budget: { maxSearches: 10, windowMs: 1_000, minGapMs: 0 },
    });
    const responses = await runner.search('Nina Vale Harbour Lights');
    expect(responses.map((r) => r.username).sort()).toEqual(['alice', 'bob']);
    expect(e.counters.searchGets).toBeGreaterThan(1); // it did poll while the search ran
    expect(e.counters.responseReadsWhileIncomplete).toBe(0);
    const [search] = e.searches();
    expect(e.counters.searchDeletes).toBe(1);
    expect(search?.request).toMatchObject({ searchText: 'Nina Vale Harbour Lights', searchTimeout: 80, filterResponses: true });
  });

  it('rides out a completed search whose responses are not readable yet', async () => {
    const e = await start([peer('alice').file(P.flacAlbum, flac(4))], { storeResponsesDelayMs: 100 });
    const runner = new SearchRunner(new SlskdClient({ baseUrl: e.url, apiKey: API_KEY, http: HTTP }), {
      searchTimeoutMs: 50,
      pollMs: 20,
      emptyResponseRetries: 20,
    });
    const responses = await runner.search('Nina Vale Harbour Lights');
    expect(responses).toHaveLength(1);
    expect(e.counters.responseReads).toBeGreaterThan(1);
  });

  it('never has two search POSTs in flight, so slskd never answers 429', async () => {
    const e = await start([peer('alice').file(P.flacAlbum, flac(4)).file(P.mp3Loose, mp3(4))], {
      searchPostLatencyMs: 60,
    });
    // The emulator does refuse overlapping POSTs: two raw ones at once get a 429.
    const raw = () =>
      fetch(`${e.url}/api/v0/searches`, {
        method: 'POST',
        headers: { 'X-API-Key': API_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ searchText: 'harbour', searchTimeout: 50 }),
      }).then((r) => r.status);
    expect((await Promise.all([raw(), raw()])).sort()).toEqual([200, 429]);
    const before = { ...e.counters };

    const gate = new SearchGate();
    const client = new SlskdClient({ baseUrl: e.url, apiKey: API_KEY, http: HTTP });
    const runners = [0, 1].map(
      () => new SearchRunner(client, { gate, searchTimeoutMs: 50, pollMs: 20, budget: { maxSearches: 10, windowMs: 1_000, minGapMs: 0 } }),
    );
    const queries = ['Nina Vale Harbour Lights', 'Harbour Lights', 'Nina Vale', 'Tidewater Harbour'];
    const results = await Promise.all(queries.map((q, i) => runners[i % 2]!.search(q)));
    expect(results.every((r) => r.length === 1)).toBe(true);
    expect(e.counters.searchPosts - before.searchPosts).toBe(4);
    expect(e.counters.search429 - before.search429).toBe(0);
  });

  it('lets the network run two searches at once and shows the rest as Queued', async () => {
    const e = await start([peer('alice').file(P.flacAlbum, flac(4))], { searchDelayMs: 300 });
    const client = new SlskdClient({ baseUrl: e.url, apiKey: API_KEY, http: HTTP });
    const states: string[] = [];
    for (const q of ['harbour', 'lights', 'tidewater']) states.push((await client.startSearch({ searchText: q, searchTimeout: 50 })).state);
    expect(states).toEqual(['InProgress', 'InProgress', 'Queued']);
  });

  it('abort while searching stops the search at slskd', async () => {
    const e = await start([peer('alice').file(P.flacAlbum, flac(4))], { searchDelayMs: 2_000 });
    const { ctx, controller } = context();
    ctx.onProgress = (p) => {
      if (p.detail?.startsWith('searching')) setTimeout(() => controller.abort(), 100);
    };
    const err = await rejection(sourceFor(e).fetch(wanted(), ctx));
    expect(err.type).toBe('cancelled');
    await vi.waitFor(() => expect(e.searches()[0]).toMatchObject({ state: 'Completed, Cancelled', deleted: true }));
    expect(e.counters.enqueuePosts).toBe(0);
  });

  it('reuses the results of an earlier identical search', async () => {
    const e = await start([peer('alice').file(P.flacAlbum, flac(4))]);
    const source = sourceFor(e);
    await source.fetch(wanted(), context().ctx);
    await rm(downloadsDir, { recursive: true, force: true });
    await mkdir(downloadsDir);
    await source.fetch(wanted(), context().ctx);
    expect(e.counters.searchPosts).toBe(1);
    expect(transfersOf(e, 'alice')).toHaveLength(2);
  });

  it('searches the track name first and stops there when it yields a confident candidate', async () => {
    const e = await start([peer('alice').file(P.flacAlbum, flac(4))]);
    const got = await sourceFor(e).fetch(wanted({ artist: 'Nina Vale & The Tides' }), context().ctx);
    expect(got.path).toBe(join(downloadsDir, 'Tidewater', '01 - Nina Vale - Harbour Lights.flac'));
    expect(e.searches().map((s) => s.searchText)).toEqual(['Harbour Lights']);
  });

  it('track name → artist + track name → without brackets, one search at a time, until one is confident', async () => {
    const e = await start([peer('alice').file(P.flacAlbum, flac(4))], { searchPostLatencyMs: 20 });
    const got = await sourceFor(e).fetch(wanted({ title: 'Harbour Lights (feat. Bo)', artist: 'Nina Vale, Bo' }), context().ctx);
    expect(got.path).toBe(join(downloadsDir, 'Tidewater', '01 - Nina Vale - Harbour Lights.flac'));
    // The first two find nothing (no "feat Bo" in any path); the primary-artist strategy is never needed.
    expect(e.searches().map((s) => [s.searchText, s.responseCount])).toEqual([
      ['Harbour Lights feat Bo', 0],
      ['Nina Vale Bo Harbour Lights feat Bo', 0],
      ['Harbour Lights', 1],
    ]);
    expect(e.counters.search429).toBe(0);
  });

  it('goes on past a strategy whose results are all someone else\'s song', async () => {
    const e = await start([
      peer('carol').file('mp3\\Other Band\\Other Band - Harbour Lights 2011 Remaster.mp3', mp3(4)),
      peer('alice').file(P.flacAlbum, flac(4)),
    ]);
    const got = await sourceFor(e).fetch(wanted({ title: 'Harbour Lights - 2011 Remaster' }), context().ctx);
    expect(got.path).toBe(join(downloadsDir, 'Tidewater', '01 - Nina Vale - Harbour Lights.flac'));
    expect(e.searches().map((s) => [s.searchText, s.responseCount])).toEqual([
      ['Harbour Lights 2011 Remaster', 1],
      ['Nina Vale Harbour Lights 2011 Remaster', 0],
      ['Harbour Lights', 2],
    ]);
    expect(transfersOf(e, 'carol')).toHaveLength(0);
  });

  it('tries every strategy, primary artist last, before saying nothing was found', async () => {
    const e = await start([peer('alice').file('Music\\Someone\\Unrelated.flac', flac(4))]);
    const err = await rejection(sourceFor(e).fetch(wanted({ title: 'Harbour Lights (Live)', artist: 'Nina Vale, Bo' }), context().ctx));
    expect(err.type).toBe('not_found');
    expect(e.searches().map((s) => s.searchText)).toEqual([
      'Harbour Lights Live', 'Nina Vale Bo Harbour Lights Live', 'Harbour Lights', 'Nina Vale Harbour Lights',
    ]);
  });
});

describe('downloading', () => {
  it('downloads the best match to <downloads>/<remote folder>/<name>, validated, tracked by GUID', async () => {
    const e = await start([
      peer('alice').file(P.mp3Loose, mp3(4)),
      peer('bob', { hasFreeUploadSlot: false, queueLength: 4, queueMs: 100 }).file(P.flacAlbum, flac(4)),
    ]);
    const { ctx, progress, refs } = context();
    const got = await sourceFor(e).fetch(wanted(), ctx);

    expect(got.path).toBe(join(downloadsDir, 'Tidewater', '01 - Nina Vale - Harbour Lights.flac'));
    expect(got.ext).toBe('flac');
    expect(got.description).toBe('FLAC 16-bit from bob');
    expect((await stat(got.path)).size).toBe(got.sizeBytes);
    await expect(validateAudioFile(got.path, { ext: 'flac', durationSec: 4 })).resolves.toMatchObject({ codec: 'flac' });

    const ref = parseSlskdExternalRef(refs[0]);
    expect(ref).toMatchObject({ username: 'bob', filename: P.flacAlbum });
    expect(ref?.id).toBe(transfersOf(e, 'bob')[0]?.id);
    expect(e.requests.some((r) => r.startsWith(`GET /api/v0/transfers/downloads/bob/${ref?.id}`))).toBe(true);
    expect(progress.some((p) => p.detail?.startsWith('peer bob, queued #4'))).toBe(true);
    expect(progress.at(-1)).toMatchObject({ bytesDownloaded: got.sizeBytes, bytesTotal: got.sizeBytes });
    expect(transfersOf(e, 'alice')).toHaveLength(0);
  });

  it('never enqueues a locked file, a quality below the minimum, or a live version nobody asked for', async () => {
    const e = await start([
      peer('locked').locked(P.flac24, flac(4, 24)),
      peer('lowbit').file('mp3\\Nina Vale\\Harbour Lights.mp3', mp3(4, 128)),
      peer('liver').file('Nina Vale\\Live at the Pier\\03 Harbour Lights (Live).flac', flac(4)),
      peer('good').file(P.mp3Album, mp3(4)),
    ]);
    const got = await sourceFor(e).fetch(wanted(), context().ctx);
    expect(got.description).toBe('MP3 320 from good');
    expect(got.note).toContain('MP3 320');
    expect(e.transfers().map((t) => t.username)).toEqual(['good']);
  });
});

describe('failover', () => {
  it('moves on when the peer rejects the request, and quarantines that (user, file)', async () => {
    const e = await start([
      peer('carol').file(P.flacAlbum, flac(4), { behaviour: behave.reject('Too many files') }),
      peer('dave').file(P.mp3Album, mp3(4)),
    ]);
    const { ctx, quarantine } = context();
    const got = await sourceFor(e).fetch(wanted(), ctx);
    expect(got.description).toBe('MP3 320 from dave');
    expect(quarantine.get(candidateKey('carol', P.flacAlbum))).toMatch(/Rejected: Too many files/);
    expect(transfersOf(e, 'carol')[0]).toMatchObject({ state: 'Completed, Rejected', removed: true });
  });

  it('moves on when the transfer errors, deleting the partial file', async () => {
    const e = await start(
      [peer('carol').file(P.flacAlbum, flac(4), { behaviour: behave.error(50) }), peer('dave').file(P.mp3Album, mp3(4))],
      { transferBytesPerSec: 1_000_000 },
    );
    const { ctx, quarantine } = context();
    const got = await sourceFor(e).fetch(wanted(), ctx);
    expect(got.description).toBe('MP3 320 from dave');
    expect(quarantine.get(candidateKey('carol', P.flacAlbum))).toMatch(/^Errored/);
    expect(transfersOf(e, 'carol')[0]?.localPath).toBeDefined();
    expect(await filesUnder(downloadsDir)).toEqual([got.path]);
  });

  it('gives up on a stalled transfer, cancels it at slskd and deletes the partial file', async () => {
    const e = await start(
      [peer('carol').file(P.flacAlbum, flac(4), { behaviour: behave.stall(40) }), peer('dave').file(P.mp3Album, mp3(4))],
      { transferBytesPerSec: 1_000_000 },
    );
    const { ctx, quarantine } = context();
    const got = await sourceFor(e, { stallMs: 250 }).fetch(wanted(), ctx);
    expect(got.description).toBe('MP3 320 from dave');
    expect(quarantine.get(candidateKey('carol', P.flacAlbum))).toMatch(/^stalled \(40%/);
    const stalled = transfersOf(e, 'carol')[0];
    expect(stalled).toMatchObject({ state: 'Completed, Cancelled', removed: true });
    expect(stalled?.bytesTransferred).toBeGreaterThan(0);
    expect(await filesUnder(downloadsDir)).toEqual([got.path]);
  });

  it('never picks a quarantined (user, file) again', async () => {
    const e = await start([
      peer('carol').file(P.flacAlbum, flac(4), { behaviour: behave.timeout() }),
      peer('dave').file(P.mp3Album, mp3(4)),
    ]);
    const quarantine = new Map<string, string>();
    const source = sourceFor(e);
    await source.fetch(wanted(), context(quarantine).ctx);
    expect([...quarantine.keys()]).toEqual([candidateKey('carol', P.flacAlbum)]);
    await rm(downloadsDir, { recursive: true, force: true });
    await mkdir(downloadsDir);

    const again = await source.fetch(wanted(), context(quarantine).ctx);
    expect(again.description).toBe('MP3 320 from dave');
    expect(transfersOf(e, 'carol')).toHaveLength(1);
    expect(transfersOf(e, 'dave')).toHaveLength(2);
  });

  it('rejects a truncated file as corrupt and uses the next candidate', async () => {
    const e = await start([
      peer('carol').file(P.flacAlbum, flac(4), { behaviour: behave.truncate(60) }),
      peer('dave').file(P.mp3Album, mp3(4)),
    ]);
    const { ctx, quarantine } = context();
    const got = await sourceFor(e).fetch(wanted(), ctx);
    expect(transfersOf(e, 'carol')[0]?.state).toBe('Completed, Succeeded');
    expect(got.description).toBe('MP3 320 from dave');
    expect(quarantine.get(candidateKey('carol', P.flacAlbum))).toMatch(/^bad file: /);
    expect(await filesUnder(downloadsDir)).toEqual([got.path]);
  });

  it('rejects FLAC bytes in a .mp3 and a file of the wrong length, and uses the next candidate', async () => {
    const wrongFormat = 'x\\Nina Vale\\Tidewater\\Nina Vale - Harbour Lights.mp3';
    const wrongLength = 'y\\Nina Vale\\Singles\\Nina Vale - Harbour Lights.flac';
    const e = await start([
      peer('carol', { uploadSpeed: 9_000_000 }).file(wrongFormat, mp3(8), { behaviour: behave.mislabel(flac(8)) }),
      peer('erin').file(wrongLength, flac(8), { behaviour: behave.mislabel(flac(3)) }),
      peer('dave').file(P.mp3Album, mp3(8)),
    ]);
    const { ctx, quarantine } = context();
    const got = await sourceFor(e).fetch(wanted({ durationSec: 8 }), ctx);
    expect(got.description).toBe('MP3 320 from dave');
    expect(quarantine.get(candidateKey('erin', wrongLength))).toMatch(/plays 3 s/);
    expect(quarantine.get(candidateKey('carol', wrongFormat))).toMatch(/named \.mp3 but contains FLAC/);
    expect(await filesUnder(downloadsDir)).toEqual([got.path]);
  });

  it('when every candidate fails, throws a typed error listing the candidates tried', async () => {
    const e = await start([
      peer('carol').file(P.flacAlbum, flac(4), { behaviour: behave.reject() }),
      peer('dave').file(P.mp3Album, mp3(4), { behaviour: behave.error(10) }),
    ]);
    const err = await rejection(sourceFor(e).fetch(wanted(), context().ctx));
    expect(err.type).toBe('rejected');
    expect(err.tried).toHaveLength(2);
    expect(err.tried[0]).toContain(`carol: ${P.flacAlbum}`);
    expect(err.tried[1]).toContain(`dave: ${P.mp3Album}`);
    expect(await filesUnder(downloadsDir)).toEqual([]);
  });

  it('when nothing acceptable is shared, throws not_found', async () => {
    const e = await start([peer('alice').file('Other Artist\\Album\\01 Something Else.flac', flac(4))]);
    const err = await rejection(sourceFor(e).fetch(wanted(), context().ctx));
    expect(err.type).toBe('not_found');
    expect(err.tried).toEqual([]);
    expect(e.counters.enqueuePosts).toBe(0);
  });
});

describe('cancelling', () => {
  it('abort mid-transfer cancels it at slskd and leaves no partial file', async () => {
    const e = await start([peer('alice').file(P.flacAlbum, flac(4))], { transferBytesPerSec: 60_000 });
    const { ctx, controller } = context();
    ctx.onProgress = (p) => {
      if (p.bytesDownloaded > 0) controller.abort();
    };
    const err = await rejection(sourceFor(e).fetch(wanted(), ctx));
    expect(err.type).toBe('cancelled');
    const t = transfersOf(e, 'alice')[0];
    expect(t).toMatchObject({ state: 'Completed, Cancelled', removed: true });
    expect(t?.bytesTransferred).toBeGreaterThan(0);
    expect(e.counters.transferDeletes).toBe(1);
    expect(await filesUnder(downloadsDir)).toEqual([]);
  });

  it('a pause keeps the transfer at slskd; the next attempt follows it by its id instead of searching again', async () => {
    const e = await start([peer('alice').file(P.flacAlbum, flac(4))], { transferBytesPerSec: 200_000 });
    const first = context();
    first.ctx.onProgress = (p) => {
      if (p.bytesDownloaded > 0) first.controller.abort(new DownloadInterrupted('paused'));
    };
    expect((await rejection(sourceFor(e).fetch(wanted(), first.ctx))).type).toBe('cancelled');
    expect(e.counters.transferDeletes).toBe(0);
    const ref = first.refs.at(-1)!;
    const before = { searches: e.counters.searchPosts, enqueues: e.counters.enqueuePosts };

    const again = context();
    const file = await sourceFor(e).fetch(wanted(), { ...again.ctx, externalRef: ref });
    expect(e.counters.searchPosts).toBe(before.searches);
    expect(e.counters.enqueuePosts).toBe(before.enqueues);
    expect(transfersOf(e, 'alice')).toHaveLength(1);
    await validateAudioFile(file.path, { ext: 'flac', durationSec: 4 });
  });

  it('cancel(externalRef) deletes the transfer at slskd and shrugs at unknown refs', async () => {
    const e = await start([peer('alice').file(P.flacAlbum, flac(4))], { transferBytesPerSec: 20_000 });
    const client = new SlskdClient({ baseUrl: e.url, apiKey: API_KEY, http: HTTP });
    const size = 1; // slskd learns the real size when the transfer starts
    const { enqueued } = await client.enqueueDownloads('alice', [{ filename: P.flacAlbum, size }]);
    const id = enqueued[0]?.id ?? '';
    const source = sourceFor(e);
    await source.cancel(JSON.stringify({ username: 'alice', id, filename: P.flacAlbum, size }));
    expect(e.transfers()[0]).toMatchObject({ id, state: 'Completed, Cancelled', removed: true });
    await expect(source.cancel('not json')).resolves.toBeUndefined();
    await expect(source.cancel(JSON.stringify({ username: 'alice', id: 'nope', filename: 'x', size: 1 }))).resolves.toBeUndefined();
  });
});

describe('talking to slskd', () => {
  it('keeps at most two enqueue POSTs in flight, so slskd never answers 429', async () => {
    const paths = [1, 2, 3, 4].map((n) => `m\\Nina Vale\\Tidewater\\0${n} Song ${n}.mp3`);
    const e = await start([paths.reduce((p, path) => p.file(path, mp3(2)), peer('alice'))], { enqueuePostLatencyMs: 60 });
    const raw = (filename: string) =>
      fetch(`${e.url}/api/v0/transfers/downloads/alice`, {
        method: 'POST',
        headers: { 'X-API-Key': API_KEY, 'content-type': 'application/json' },
        body: JSON.stringify([{ filename, size: 1 }]),
      }).then((r) => r.status);
    expect((await Promise.all(paths.slice(0, 3).map(raw))).sort()).toEqual([201, 201, 429]);

    const client = new SlskdClient({ baseUrl: e.url, apiKey: API_KEY, http: HTTP });
    const before = e.counters.enqueue429;
    const results = await Promise.all(paths.map((f) => client.enqueueDownloads('alice', [{ filename: f, size: 1 }])));
    expect(e.counters.enqueue429).toBe(before);
    // A file the raw requests queued is reported under `failed` while that transfer is still active.
    expect(results.map((r) => r.enqueued.length + r.failed.length)).toEqual([1, 1, 1, 1]);
  });

  it('sends the API key only as a header and never repeats it in errors', async () => {
    const e = await start([peer('alice').file(P.flacAlbum, flac(4))]);
    const source = createSlskdSource(
      { baseUrl: e.url, apiKey: 'wrong-key-abc', downloadsDir, pollMs: 20, searchTimeoutMs: 50 },
      { http: HTTP },
    );
    const err = await rejection(source.fetch(wanted(), context().ctx));
    expect(err.type).toBe('rejected');
    expect(err.message).toMatch(/API key/);
    expect(err.message).not.toContain('wrong-key-abc');
    expect(e.counters.unauthorized).toBeGreaterThan(0);
    expect(e.requests.every((r) => !r.includes('wrong-key-abc'))).toBe(true);
  });

  it('lists downloads grouped by user and remote directory', async () => {
    const e = await start([peer('alice').file(P.flacAlbum, flac(4))]);
    await sourceFor(e).fetch(wanted(), context().ctx);
    const client = new SlskdClient({ baseUrl: e.url, apiKey: API_KEY, http: HTTP });
    // The source tidies finished transfers away; slskd still lists them with includeRemoved.
    expect(await client.listDownloads()).toEqual([]);
    const res = await fetch(`${e.url}/api/v0/transfers/downloads?includeRemoved=true`, { headers: { 'X-API-Key': API_KEY } });
    const body = (await res.json()) as { username: string; directories: { directory: string; fileCount: number }[] }[];
    expect(body).toMatchObject([{ username: 'alice', directories: [{ directory: '@@music\\Nina Vale\\Tidewater', fileCount: 1 }] }]);
    expect((await client.application()).version?.current).toBeDefined();
  });
});
