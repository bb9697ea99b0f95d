// The slskd source against hostile peers and lost responses: paths that point outside the downloads folder are
// never enqueued, and an enqueue POST whose answer is lost is looked up instead of sent twice.
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateAudioFile } from '../../src/main/library';
import { candidateKey, createSlskdSource, type SlskdConfigInput } from '../../src/main/sources';
import type { FetchContext, TrackWanted } from '../../src/main/base';
import { flac, mp3, peer, startSlskdEmulator, type PeerBuilder, type SlskdEmulator, type SlskdEmulatorOptions } from '../emulators/slskd';

const API_KEY = 'test-api-key-safety';
const HTTP = { retries: 3, backoffLimitMs: 50 };
const GOOD = 'Music\\Nina Vale - Tidewater (2019)\\01 Harbour Lights.mp3';

const wanted = (over: Partial<TrackWanted> = {}): TrackWanted => ({
  trackId: 1, title: 'Harbour Lights', artist: 'Nina Vale', album: 'Tidewater', durationSec: 4, externalIds: {}, ...over,
});

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
  root = await mkdtemp(join(tmpdir(), 'cassette-slskd-safety-'));
  downloadsDir = join(root, 'downloads');
  await mkdir(downloadsDir);
  emu = await startSlskdEmulator({
    downloadsDir, apiKey: API_KEY, peers, searchDelayMs: 30, tickMs: 10, requestedMs: 10, transferBytesPerSec: 3_000_000,
    toneCacheDir: toneDir, ...options,
  });
  return emu;
}

function sourceFor(e: SlskdEmulator, over: Partial<SlskdConfigInput> = {}) {
  return createSlskdSource(
    {
      baseUrl: e.url, apiKey: API_KEY, downloadsDir, stallMs: 400, pollMs: 20, searchTimeoutMs: 50,
      budget: { maxSearches: 100, windowMs: 1_000, minGapMs: 0 }, ...over,
    },
    { http: HTTP },
  );
}

function context() {
  const quarantine = new Map<string, string>();
  const refs: string[] = [];
  const ctx: FetchContext = {
    signal: new AbortController().signal,
    partPath: join(root, 'unused.part'),
    onProgress: () => undefined,
    setExternalRef: (r) => refs.push(r),
    validate: async (path, claim) => {
      await validateAudioFile(path, claim);
    },
    isQuarantined: (k) => quarantine.has(k),
    quarantine: (k, reason) => quarantine.set(k, reason),
  };
  return { ctx, quarantine, refs };
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(join(e.parentPath, e.name));
  return out.sort();
}

describe('hostile peer paths', () => {
  it.each([
    ['a dot-dot parent folder', 'Music\\..\\01 - Nina Vale - Harbour Lights.flac'],
    ['a fullwidth dot-dot folder', 'Music\\\uff0e\uff0e\\01 - Nina Vale - Harbour Lights.flac'],
    ['a dot-dot folder behind mixed slashes', 'Music/Nina Vale\\../01 - Nina Vale - Harbour Lights.flac'],
    ['a drive letter as the folder', 'Music\\C:\\01 - Nina Vale - Harbour Lights.flac'],
  ])('never enqueues %s; takes the next candidate and writes nothing outside', async (_what, hostile) => {
    const e = await start([peer('mallory').file(hostile, flac(4)), peer('good').file(GOOD, mp3(4))]);
    const { ctx, quarantine } = context();
    const got = await sourceFor(e).fetch(wanted(), ctx);
    expect(got.description).toBe('MP3 320 from good');
    expect(e.transfers().map((t) => t.username)).toEqual(['good']);
    // The path check refuses it, unless the matching engine already turned the look-alike name down as not the track.
    const reason = quarantine.get(candidateKey('mallory', hostile));
    if (reason !== undefined || !hostile.includes('\uff0e')) expect(reason ?? '').toMatch(/Refused the Soulseek path/);
    // The only file anywhere under the test root is the good download, inside the downloads folder.
    expect(await filesUnder(root)).toEqual([got.path]);
  });

  it('refuses a folder that is a symlink leading out of the downloads folder', async () => {
    const e = await start([
      peer('mallory').file('Music\\Trap\\01 - Nina Vale - Harbour Lights.flac', flac(4)),
      peer('good').file(GOOD, mp3(4)),
    ]);
    await mkdir(join(root, 'elsewhere'));
    await symlink(join(root, 'elsewhere'), join(downloadsDir, 'Trap'));
    const got = await sourceFor(e).fetch(wanted(), context().ctx);
    expect(got.description).toBe('MP3 320 from good');
    expect(e.transfers().map((t) => t.username)).toEqual(['good']);
    expect(await readdir(join(root, 'elsewhere'))).toEqual([]);
  });
});

describe('POSTs whose answer is lost after slskd acted', () => {
  it('an enqueue is looked up among the user’s transfers instead of being sent twice', async () => {
    const e = await start([peer('alice').file(GOOD, mp3(4))]);
    e.dropResponses(1, 'POST', /^\/transfers\/downloads\/[^/]+$/);
    const { ctx, refs } = context();
    const got = await sourceFor(e).fetch(wanted(), ctx);
    expect(got.description).toBe('MP3 320 from alice');
    expect(e.counters.enqueuePosts).toBe(1);
    expect(e.transfers()).toHaveLength(1);
    expect(e.requests).toContain('GET /api/v0/transfers/downloads/alice');
    expect(JSON.parse(refs[0]!)).toMatchObject({ username: 'alice', id: e.transfers()[0]!.id });
  });

  it('an enqueue that did not happen is sent again after the look-up finds nothing', async () => {
    const e = await start([peer('alice').file(GOOD, mp3(4))]);
    // Gone before slskd saw it: the look-up finds no transfer, so asking again is safe.
    e.dropResponses(1, 'POST', /^\/transfers\/downloads\/[^/]+$/, 'before');
    const got = await sourceFor(e).fetch(wanted(), context().ctx);
    expect(got.description).toBe('MP3 320 from alice');
    expect(e.transfers()).toHaveLength(1);
    expect(e.requests.filter((r) => r === 'POST /api/v0/transfers/downloads/alice')).toHaveLength(2);
    expect(e.requests.indexOf('GET /api/v0/transfers/downloads/alice')).toBeLessThan(e.requests.lastIndexOf('POST /api/v0/transfers/downloads/alice'));
  });

  it('a search is looked up by its id instead of being started twice', async () => {
    const e = await start([peer('alice').file(GOOD, mp3(4))]);
    e.dropResponses(1, 'POST', /^\/searches$/);
    const got = await sourceFor(e).fetch(wanted(), context().ctx);
    expect(got.description).toBe('MP3 320 from alice');
    expect(e.counters.searchPosts).toBe(1);
    expect(e.searches()).toHaveLength(1);
  });
});
