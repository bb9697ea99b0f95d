// The Search page's methods through the core's dispatch (as every transport calls them), against the slskd
// emulator: one search through the source's runner → albums and singles → Download of a peer's exact file (not
// the one the queue's own ranking would have picked) → filed and finished; an album; a refusing peer; cancel.
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodName, MethodOutput } from '../../src/shared/contract';
import { OWNER, type Core } from '../../src/main/core';
import { createSlskdSource, parseSlskdExternalRef, pinnedPeerFile } from '../../src/main/sources';
import { behave, flac, mp3, peer, startSlskdEmulator, type PeerBuilder, type SlskdEmulator } from '../emulators/slskd';
import { FakeClock, openTestCore, tempDir } from '../support/testCore';

const API_KEY = 'search-rpc-key';
const ALBUM = '@@music\\Glass Harbour\\Glass Harbour - Tidal Maps (2019)';
const FLAC_TRACK = `${ALBUM}\\01 - Harbour Lights.flac`;
const FLAC_TRACK_2 = `${ALBUM}\\02 - Salt Roads.flac`;
const MP3_SINGLE = 'Music\\Singles\\Glass Harbour - Harbour Lights.mp3';

let emu: SlskdEmulator | undefined;
let core: Core | undefined;
let cleanup: (() => Promise<void>) | undefined;

afterEach(async () => {
  await core?.close();
  await emu?.close();
  await cleanup?.();
  core = emu = cleanup = undefined;
});

async function world(peers: PeerBuilder[], options: { transferBytesPerSec?: number; slskd?: boolean; pollMs?: number; clock?: FakeClock; stallMs?: number } = {}) {
  const t = await tempDir('cassette-search-');
  cleanup = t.cleanup;
  const downloadsDir = join(t.dir, 'slskd-downloads');
  await mkdir(downloadsDir);
  emu = await startSlskdEmulator({
    downloadsDir, apiKey: API_KEY, peers, searchDelayMs: 30, tickMs: 10, requestedMs: 10,
    transferBytesPerSec: options.transferBytesPerSec ?? 3_000_000,
  });
  const source = createSlskdSource(
    { baseUrl: emu.url, apiKey: API_KEY, downloadsDir, stallMs: 60_000, pollMs: options.pollMs ?? 20, searchTimeoutMs: 50, budget: { maxSearches: 100, windowMs: 1_000, minGapMs: 0 } },
    { http: { retries: 2, backoffLimitMs: 50 } },
  );
  core = openTestCore(
    t.dir,
    { sources: options.slskd === false ? {} : { slskd: source }, defaultSource: 'slskd', runQueue: true, reconcileOnStart: false, ...(options.stallMs ? { stallMs: options.stallMs } : {}) },
    options.clock,
  );
  return { core, emu, dir: t.dir, downloadsDir };
}

async function call<M extends MethodName>(c: Core, method: M, input: unknown): Promise<MethodOutput<M>> {
  const r = await c.dispatch(method, input, OWNER);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.data as MethodOutput<M>;
}

async function searchToCompletion(c: Core, query: string, filters?: unknown) {
  const { searchId } = await call(c, 'search.start', { query });
  for (let i = 0; i < 200; i++) {
    const r = await call(c, 'search.results', { searchId, ...(filters ? { filters } : {}) });
    if (r.state !== 'searching') return r;
    await sleep(25);
  }
  throw new Error('search did not finish');
}

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const sharing = () => [
  peer('vinylhoarder', { uploadSpeed: 5_000_000 }).file(FLAC_TRACK, flac(3)).file(FLAC_TRACK_2, flac(3)),
  peer('mp3peer', { uploadSpeed: 100_000 }).file(MP3_SINGLE, mp3(3)),
];

describe('search.start / search.results', () => {
  it('runs one search through the source, and answers albums and singles ranked against the query, filtered', async () => {
    const w = await world(sharing());
    // Soulseek answers files whose path holds every word: both album tracks and the single.
    const r = await searchToCompletion(w.core, 'glass harbour');
    expect(r.state).toBe('complete');
    expect(r.albums).toHaveLength(1);
    expect(r.albums[0]).toMatchObject({ artist: 'Glass Harbour', album: 'Tidal Maps', year: 2019, peer: { username: 'vinylhoarder' }, formats: ['flac'] });
    expect(r.albums[0]!.files.map((f) => f.title)).toEqual(['Harbour Lights', 'Salt Roads']);
    expect(r.singles.map((s) => [s.peer.username, s.format, s.qualityLabel])).toEqual([['mp3peer', 'mp3', 'MP3 320']]);
    expect(w.emu.counters.searchPosts).toBe(1);
    expect(w.emu.searches()[0]!.searchText).toBe('glass harbour');

    const lossless = await call(w.core, 'search.results', { searchId: r.searchId, filters: { minQuality: 'lossless' } });
    expect([lossless.albums.length, lossless.singles.length]).toEqual([1, 0]);
    const mp3Only = await call(w.core, 'search.results', { searchId: r.searchId, filters: { formats: ['mp3'] } });
    expect([mp3Only.albums.length, mp3Only.singles.length]).toEqual([0, 1]);
    // Reading results again never searches again.
    expect(w.emu.counters.searchPosts).toBe(1);
  });

  it('says Soulseek is not set up when slskd is not configured, and that a search is gone when it is', async () => {
    const w = await world([], { slskd: false });
    const r = await w.core.dispatch('search.start', { query: 'anything' }, OWNER);
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/Settings/) } });
    const gone = await w.core.dispatch('search.results', { searchId: '0b6c9f4e-4f0e-4a43-9d7c-3a9e7c0f5a11' }, OWNER);
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('reports a failed search with a reason a person can act on', async () => {
    const w = await world(sharing());
    w.emu.dropResponses(10, 'POST', /^\/searches/, 'before');
    const r = await searchToCompletion(w.core, 'glass harbour');
    expect(r.state).toBe('failed');
    expect(r.reason).toMatch(/slskd/);
    expect(r.reason).not.toContain(API_KEY);
  });
});

describe('search.download', () => {
  it('downloads exactly the chosen peer file, without a search of its own, into the library', async () => {
    const w = await world(sharing());
    const r = await searchToCompletion(w.core, 'glass harbour harbour lights');
    // The queue's own ranking would take the FLAC from the faster peer; the person chose the MP3.
    const d = await call(w.core, 'search.download', { searchId: r.searchId, username: 'mp3peer', filenames: [MP3_SINGLE] });
    expect(d.rows).toHaveLength(1);
    expect(d.rows[0]).toMatchObject({ title: 'Harbour Lights', artist: 'Glass Harbour', source: 'slskd' });
    await until('the download to finish', () => w.core.queue.get(d.rows[0]!.id)?.status === 'completed');
    const transfers = w.emu.transfers();
    expect(transfers.map((t) => [t.username, t.filename])).toEqual([['mp3peer', MP3_SINGLE]]);
    expect(w.emu.counters.searchPosts).toBe(1);
    const track = w.core.catalog.getTrack(d.rows[0]!.trackId!)!;
    expect(track.status).toBe('downloaded');
    expect(track.local_path).toBe(join(w.dir, 'Library', 'Glass Harbour', 'Glass Harbour - Harbour Lights', 'Harbour Lights.mp3'));
    expect(existsSync(track.local_path!)).toBe(true);
    const finished = await call(w.core, 'queue.list', { view: 'finished' });
    expect(finished.items.map((i) => i.id)).toEqual([d.rows[0]!.id]);
  });

  it('downloads an album: one request per file, each that peer’s file, filed under the album', async () => {
    const w = await world(sharing());
    const r = await searchToCompletion(w.core, 'glass harbour tidal maps');
    const album = r.albums[0]!;
    expect(album.files).toHaveLength(2);
    const d = await call(w.core, 'search.download', { searchId: r.searchId, username: album.peer.username, filenames: album.files.map((f) => f.filename) });
    expect(d.rows.map((x) => x.title)).toEqual(['Harbour Lights', 'Salt Roads']);
    await until('the album to finish', () => d.rows.every((x) => w.core!.queue.get(x.id)?.status === 'completed'));
    const filed = await readdir(join(w.dir, 'Library', 'Glass Harbour', 'Glass Harbour - Tidal Maps'));
    expect(filed.sort()).toEqual(['01 Harbour Lights.flac', '02 Salt Roads.flac']);
    expect(w.emu.transfers().map((t) => t.filename).sort()).toEqual([FLAC_TRACK, FLAC_TRACK_2]);
    // Asking again for what is already queued or done makes no second request for a waiting one.
    const again = await call(w.core, 'search.download', { searchId: r.searchId, username: album.peer.username, filenames: [FLAC_TRACK] });
    expect(again.rows).toHaveLength(1);
  });

  it('refuses a file the peer did not offer in that search', async () => {
    const w = await world(sharing());
    const r = await searchToCompletion(w.core, 'glass harbour harbour lights');
    const bad = await w.core.dispatch('search.download', { searchId: r.searchId, username: 'mp3peer', filenames: ['C:\\Windows\\evil.mp3'] }, OWNER);
    expect(bad).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const wrongPeer = await w.core.dispatch('search.download', { searchId: r.searchId, username: 'vinylhoarder', filenames: [MP3_SINGLE] }, OWNER);
    expect(wrongPeer).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('when the peer refuses, the request fails naming it and keeps its pin: no other file is tried', async () => {
    const w = await world([
      peer('refuser').file(MP3_SINGLE, mp3(3), { behaviour: behave.reject('File not shared.') }),
      peer('other').file('x\\Glass Harbour - Harbour Lights.mp3', mp3(3)),
    ]);
    const r = await searchToCompletion(w.core, 'glass harbour harbour lights');
    const d = await call(w.core, 'search.download', { searchId: r.searchId, username: 'refuser', filenames: [MP3_SINGLE] });
    const id = d.rows[0]!.id;
    await until('the attempt to fail', () => w.core.queue.get(id)?.status === 'retry_waiting');
    const item = w.core.queue.get(id)!;
    expect(item.error_message).toMatch(/refuser did not deliver "Glass Harbour - Harbour Lights\.mp3"/);
    expect(pinnedPeerFile(item.external_ref ?? undefined)).toMatchObject({ username: 'refuser', filename: MP3_SINGLE });
    expect(w.emu.transfers().map((t) => t.username)).toEqual(['refuser']);
    expect(w.emu.counters.searchPosts).toBe(1);
  });

  it('cancel stops the transfer at slskd and leaves no file behind', async () => {
    const w = await world(sharing(), { transferBytesPerSec: 20_000 });
    const r = await searchToCompletion(w.core, 'glass harbour harbour lights');
    const d = await call(w.core, 'search.download', { searchId: r.searchId, username: 'vinylhoarder', filenames: [FLAC_TRACK] });
    const id = d.rows[0]!.id;
    await until('the transfer to run', () => {
      const ref = parseSlskdExternalRef(w.core.queue.get(id)?.external_ref ?? undefined);
      return ref !== undefined && w.emu.transfers().some((t) => t.id === ref.id && t.bytesTransferred > 0);
    });
    const cancelled = await call(w.core, 'queue.cancel', { id });
    expect(cancelled?.status).toBe('cancelled');
    await w.core.processor.whenIdle();
    expect(w.emu.transfers()[0]).toMatchObject({ removed: true });
    const left = await readdir(w.downloadsDir, { recursive: true, withFileTypes: true });
    expect(left.filter((e) => e.isFile()).map((e) => e.name)).toEqual([]);
    expect(existsSync(join(w.dir, 'Library', 'Glass Harbour', 'Glass Harbour - Tidal Maps', '01 Harbour Lights.flac'))).toBe(false);
  });

  it('a transfer the queue gives up on as stalled keeps the pin, so the retry asks for the same file', async () => {
    const clock = new FakeClock();
    // The source polls slowly, so nothing reports progress while the queue's clock jumps past its stall limit.
    const w = await world(sharing(), { transferBytesPerSec: 5_000, pollMs: 3_000, clock, stallMs: 5_000 });
    const r = await searchToCompletion(w.core, 'glass harbour harbour lights');
    const d = await call(w.core, 'search.download', { searchId: r.searchId, username: 'mp3peer', filenames: [MP3_SINGLE] });
    const id = d.rows[0]!.id;
    await until('the transfer to start', () => parseSlskdExternalRef(w.core.queue.get(id)?.external_ref ?? undefined) !== undefined);
    clock.advance(10_000);
    await until('the queue to give up on it', () => ['retry_waiting', 'failed'].includes(w.core.queue.get(id)?.status ?? ''));
    const ref = w.core.queue.get(id)!.external_ref ?? undefined;
    expect(parseSlskdExternalRef(ref)).toBeUndefined();
    expect(pinnedPeerFile(ref)).toMatchObject({ username: 'mp3peer', filename: MP3_SINGLE });
  });
});
