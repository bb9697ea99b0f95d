// The Matched Download flow end to end against the Spotify and slskd emulators: artist suggestions, a single,
// an album track, a matched album download, a folder of mixed artists, remix credits, the no-match fallback, a
// rate limit in the middle, and a crash between transfer and tagging (cancels: matched-cancel.test.ts). Tags are read back with mutagen
// (an independent reader) and the audio frames compared with what the peer delivered (ffmpeg md5).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { closeTagWorker, partPathFor, partWriterToken } from '../../src/main/library';
import { createSlskdSource } from '../../src/main/sources';
import { startSlskdEmulator, type SlskdEmulator } from '../emulators/slskd';
import { EMU_JPEGS, startSpotifyEmulator, type SpotifyEmulator } from '../emulators/spotify';
import { ALBUM_FOLDER, DISCOVERY, FAVOURITES, findPeerFiles, matchedPeers, matchedSpotifyWorld, type FoundFile, type MatchedWorld } from '../support/matchedWorld';
import { audioStreamMd5, hasMutagen, mutagenTags } from '../support/mutagenTags';
import { signIn } from '../support/spotify';
import { FakeClock, openTestCore, tempDir } from '../support/testCore';

const API_KEY = 'slskd-matched-key';
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

function openCore(runQueue = true): Core {
  return openTestCore(dir, {
    runQueue,
    transferDir,
    env: { SPOTIFY_CLIENT_ID: spotify.clientId, SPOTIFY_ACCOUNTS_BASE: spotify.accountsBase, SPOTIFY_API_BASE: spotify.apiBase },
    sources: {
      slskd: createSlskdSource(
        { baseUrl: slskd.url, apiKey: API_KEY, downloadsDir, stallMs: 5_000, pollMs: 20, searchTimeoutMs: 50, budget: { maxSearches: 100, windowMs: 1_000, minGapMs: 0 } },
        { http: { retries: 2, backoffLimitMs: 50 } },
      ),
    },
  }, realClock);
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('cassette-matched-'));
  downloadsDir = join(dir, 'slskd-downloads');
  transferDir = join(dir, 'Transfer');
  await mkdir(downloadsDir);
  w = matchedSpotifyWorld();
  spotify = await startSpotifyEmulator({ world: w.world });
  slskd = await startSlskdEmulator({ downloadsDir, apiKey: API_KEY, searchDelayMs: 20, tickMs: 10, requestedMs: 10, transferBytesPerSec: 5_000_000, peers: matchedPeers() });
  core = openCore();
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

function peerFile(part: string): FoundFile {
  const f = files.find((x) => x.filename.endsWith(part));
  if (!f) throw new Error(`no peer file ending ${part}`);
  return f;
}

const daft = () => ({ id: w.daft.id, name: w.daft.name });

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input, { role: 'admin' });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

async function settle(ids: number[]) {
  await core.processor.whenIdle();
  const items = ids.map((id) => core.queue.get(id)!);
  return items;
}

/** Every file under the Transfer folder, relative, sorted. */
async function transferTree(): Promise<string[]> {
  if (!existsSync(transferDir)) return [];
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(relative(transferDir, p));
    }
  };
  await walk(transferDir);
  return out.sort();
}

/** The bytes the peer delivered for a file (the emulator keeps them). */
function delivered(part: string): Buffer {
  const t = [...slskd.transfers()].reverse().find((x) => x.filename.endsWith(part));
  if (!t?.bytes) throw new Error(`slskd delivered nothing for ${part}`);
  return t.bytes;
}

async function md5OfBytes(bytes: Buffer, ext: string): Promise<string> {
  const p = join(dir, `delivered-${createHash('sha1').update(bytes).digest('hex')}.${ext}`);
  await writeFile(p, bytes);
  return audioStreamMd5(p);
}

describe('artist suggestions', () => {
  it('suggests the file\'s artist first with a calibrated percentage and an image, the look-alike far below', async () => {
    const list = await call<Array<{ artistId: string; name: string; imageUrl: string | null; percent: number | null }>>('match.suggestArtists', {
      file: { filename: `${ALBUM_FOLDER}\\01 - One More Time.mp3`, durationMs: 3000 },
    });
    expect(list[0]).toMatchObject({ artistId: w.daft.id, name: 'Daft Punk' });
    expect(list[0]!.percent).toBeGreaterThanOrEqual(90);
    expect(list[0]!.imageUrl).toBe(`data:image/jpeg;base64,${EMU_JPEGS[0]!.toString('base64')}`);
    const tribute = list.find((a) => a.artistId === w.tribute.id);
    expect(tribute?.percent ?? 0).toBeLessThan(20);
    expect(tribute?.imageUrl).toBeNull();
    expect(list.length).toBeLessThanOrEqual(5);
  });

  it('costs one search per suggestion list; a repeat costs nothing', async () => {
    const file = { filename: '@@music\\singles\\Daft Punk - Robot Rock.flac' };
    const before = spotify.requests.length;
    await call('match.suggestArtists', { file });
    const made = spotify.requests.slice(before);
    expect(made.filter((r) => r.includes('/search?'))).toHaveLength(1);
    const again = spotify.requests.length;
    await call('match.suggestArtists', { file });
    expect(spotify.requests.length).toBe(again);
  });

  it('searches artists by name: five at most, with the file\'s match where known', async () => {
    const list = await call<Array<{ artistId: string; percent: number | null; imageUrl: string | null }>>('match.searchArtists', {
      query: 'daft', file: { filename: '@@music\\singles\\Daft Punk - Robot Rock.flac', durationMs: 3000 },
    });
    expect(list.map((a) => a.artistId)).toEqual([w.daft.id, w.tribute.id]);
    expect(list[0]!.percent).toBeGreaterThanOrEqual(90);
    expect(list[1]!.percent).toBeNull();
    const none = await call<unknown[]>('match.searchArtists', { query: 'zzz nobody' });
    expect(none).toEqual([]);
  });

  it('refuses input it cannot use, as values', async () => {
    const r = await core.dispatch('match.suggestArtists', { file: { filename: '' } }, { role: 'admin' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const u = await core.dispatch('match.suggestArtists', { file: { filename: 'x.mp3' } }, { role: 'user' });
    expect(u).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describeWithMutagen('matched downloads', () => {
  it('files an album track under Transfer/ARTIST/ARTIST - ALBUM/NN TITLE with cover.jpg, Spotify tags and unchanged audio', async () => {
    const f = peerFile('singles\\Daft Punk - One More Time.mp3');
    const row = await call<{ id: number }>('match.download', { file: f, artist: daft() });
    const [item] = await settle([row.id]);
    expect(item).toMatchObject({ status: 'completed', request_source: 'matched' });
    const target = join(transferDir, 'Daft Punk', 'Daft Punk - Discovery', '01 One More Time.mp3');
    expect(item!.destination_path).toBe(target);
    expect(await readFile(join(transferDir, 'Daft Punk', 'Daft Punk - Discovery', 'cover.jpg'))).toEqual(EMU_JPEGS[0]);
    const t = await mutagenTags(target);
    expect(t.id3Version).toEqual([2, 4, 0]);
    expect(t.tags).toMatchObject({
      TIT2: ['One More Time'], TPE1: ['Daft Punk'], TPE2: ['Daft Punk'], TALB: ['Discovery'], TRCK: ['1/12'], TPOS: ['1/1'],
      TDRC: ['2001-03-07'], TSRC: ['GBDUW0100001'], 'TXXX:ARTISTS': ['Daft Punk'], 'TXXX:SPOTIFY_ALBUM_ID': [w.discovery.id],
    });
    expect(t.tags['TXXX:SPOTIFY_TRACK_ID']?.[0]).toBe(w.discovery.trackIds[0]);
    expect(t.pictures).toEqual([{ type: 3, mime: 'image/jpeg', sha256: createHash('sha256').update(EMU_JPEGS[0]!).digest('hex') }]);
    expect(await audioStreamMd5(target)).toBe(await md5OfBytes(delivered('Daft Punk - One More Time.mp3'), 'mp3'));
    // The original is gone from the downloads folder; the catalog knows the new place.
    expect(existsSync(join(downloadsDir, 'singles', 'Daft Punk - One More Time.mp3'))).toBe(false);
    expect(core.catalog.getTrack(item!.track_id!)).toMatchObject({ status: 'downloaded', local_path: target });
  });

  it('files a single under Transfer/ARTIST/ARTIST - TITLE/TITLE (FLAC, Vorbis comments, picture)', async () => {
    const row = await call<{ id: number }>('match.download', { file: peerFile('Daft Punk - Robot Rock.flac'), artist: daft() });
    const [item] = await settle([row.id]);
    const target = join(transferDir, 'Daft Punk', 'Daft Punk - Robot Rock', 'Robot Rock.flac');
    expect(item).toMatchObject({ status: 'completed', destination_path: target });
    const t = await mutagenTags(target);
    expect(t.tags).toMatchObject({ TITLE: ['Robot Rock'], ARTIST: ['Daft Punk'], ALBUM: ['Robot Rock'], TRACKNUMBER: ['1'], TRACKTOTAL: ['1'], ISRC: ['GBDUW0500001'], SPOTIFY_ALBUM_ID: [w.robotRock.id] });
    expect(t.pictures).toHaveLength(1);
    expect(existsSync(join(transferDir, 'Daft Punk', 'Daft Punk - Robot Rock', 'cover.jpg'))).toBe(true);
    expect(await audioStreamMd5(target)).toBe(await md5OfBytes(delivered('Daft Punk - Robot Rock.flac'), 'flac'));
  });

  it('credits a remix to the remixer, with the original artist contributing and "(… Remix)" kept', async () => {
    const row = await call<{ id: number }>('match.download', { file: peerFile('Artist B - Song (Artist A Remix).mp3'), artist: { id: w.remixer.id, name: 'Artist A' } });
    const [item] = await settle([row.id]);
    const target = join(transferDir, 'Artist A', 'Artist A - Song - Artist A Remix', 'Song - Artist A Remix.mp3');
    expect(item).toMatchObject({ status: 'completed', destination_path: target });
    const t = await mutagenTags(target);
    expect(t.tags).toMatchObject({ TIT2: ['Song - Artist A Remix'], TPE1: ['Artist A & Artist B'], 'TXXX:ARTISTS': ['Artist A', 'Artist B'], TPE4: ['Artist A'], TPE2: ['Artist A'] });
  });

  it('a folder of mixed artists: each track its own artist, and the unknown one stays a normal download with a note', async () => {
    const fav = files.filter((f) => f.filename.startsWith(FAVOURITES));
    const rows = await call<Array<{ id: number }>>('match.downloadAlbum', { files: fav, artist: daft() });
    const items = await settle(rows.map((r) => r.id));
    expect(items.map((i) => i.status)).toEqual(['completed', 'completed', 'completed']);
    const byName = (s: string) => items.find((i) => core.catalog.getTrack(i.track_id!)?.title.includes(s))!;
    expect(byName('Aerodynamic').destination_path).toBe(join(transferDir, 'Daft Punk', 'Daft Punk - Discovery', '02 Aerodynamic.mp3'));
    expect(byName('Harbour Lights').destination_path).toBe(join(transferDir, 'Nina Vale', 'Nina Vale - Tidewater', '01 Harbour Lights.mp3'));
    const mystery = byName('Mystery Tune');
    expect(mystery.destination_path).toBe(join(downloadsDir, 'Favourites', 'Quiet Person - Mystery Tune.mp3'));
    expect(existsSync(mystery.destination_path!)).toBe(true);
    expect(mystery.detail).toMatch(/normal download/);
  });

  it('matched album download: the album\'s twelve tracks in one folder, numbered, with album data read once', async () => {
    const album = files.filter((f) => f.filename.startsWith(ALBUM_FOLDER));
    expect(album).toHaveLength(12);
    const before = spotify.requests.length;
    const rows = await call<Array<{ id: number }>>('match.downloadAlbum', { files: album, artist: daft() });
    const items = await settle(rows.map((r) => r.id));
    expect(items.every((i) => i.status === 'completed')).toBe(true);
    // One More Time (the single above) and Aerodynamic (the favourites) were filed already: those copies stay,
    // these are kept aside in the downloads folder, and the rows say so.
    for (const done of ['01 One More Time.mp3', '02 Aerodynamic.mp3']) {
      const kept = items.find((i) => i.detail?.includes(done));
      expect(kept?.detail).toMatch(/already at .*This copy stays in the downloads folder/);
      expect(existsSync(kept!.destination_path!)).toBe(true);
    }
    expect(items.filter((i) => i.destination_path?.startsWith(transferDir))).toHaveLength(10);
    const folder = join(transferDir, 'Daft Punk', 'Daft Punk - Discovery');
    const names = (await readdir(folder)).sort();
    for (const [i, name] of DISCOVERY.entries()) expect(names).toContain(`${String(i + 1).padStart(2, '0')} ${name.replace(/,/g, ',')}.mp3`);
    const made = spotify.requests.slice(before);
    // The album list and the album once (already cached by the single above), then one ISRC lookup per track.
    expect(made.filter((r) => r.includes(`/albums/${w.discovery.id}`))).toHaveLength(0);
    expect(made.filter((r) => r.includes('/search?'))).toHaveLength(0);
    expect(made.length).toBeLessThanOrEqual(3 + 12);
    expect(new Set(made).size).toBe(made.length);
    const t = await mutagenTags(join(folder, '12 Short Circuit.mp3'));
    expect(t.tags).toMatchObject({ TRCK: ['12/12'], TALB: ['Discovery'], TSRC: ['GBDUW0100012'] });
  });

  it('no match for the chosen artist: a normal download that stays in the downloads folder', async () => {
    const row = await call<{ id: number }>('match.download', { file: peerFile('Daft Punk - Never Recorded This.mp3'), artist: daft() });
    const [item] = await settle([row.id]);
    const kept = join(downloadsDir, 'singles', 'Daft Punk - Never Recorded This.mp3');
    expect(item).toMatchObject({ status: 'completed', destination_path: kept });
    expect(item!.detail).toMatch(/No track by Daft Punk.*normal download/);
    expect(existsSync(kept)).toBe(true);
    expect((await transferTree()).some((p) => p.includes('Never Recorded'))).toBe(false);
  });

  it('no artist chosen (the picker closed): a normal download kept in the downloads folder, without asking Spotify', async () => {
    const before = spotify.requests.length;
    const filedBefore = await transferTree();
    const row = await call<{ id: number }>('match.download', { file: peerFile('Daft Punk - Robot Rock.flac'), artist: null });
    const [item] = await settle([row.id]);
    const kept = join(downloadsDir, 'singles', 'Daft Punk - Robot Rock.flac');
    expect(item).toMatchObject({ status: 'completed', destination_path: kept });
    expect(item!.detail).toBe('No artist was chosen. Kept as a normal download in the downloads folder.');
    expect(existsSync(kept)).toBe(true);
    expect(await transferTree()).toEqual(filedBefore);
    expect(spotify.requests.length).toBe(before);
  });

  it('a rate limit in the middle is waited out and the file is still filed', async () => {
    spotify.faults.inject({ kind: 'rate_limit', path: '/v1/search', retryAfterSec: 1 });
    const row = await call<{ id: number }>('match.download', { file: peerFile('Nina Vale - Undertow.mp3'), artist: { id: w.nina.id, name: 'Nina Vale' } });
    const [item] = await settle([row.id]);
    expect(spotify.faults.fired.get('rate_limit')).toBe(1);
    expect(item).toMatchObject({ status: 'completed', destination_path: join(transferDir, 'Nina Vale', 'Nina Vale - Tidewater', '02 Undertow.mp3') });
  });
});

describeWithMutagen('Match & file', () => {
  it('files a finished normal download under Transfer; the row and the catalog point at the new place', async () => {
    const trackId = core.catalog.upsertTrack({ title: 'Low Tide', artist: { name: 'Nina Vale' }, durationSec: 3, source: 'slskd' });
    const { item } = core.queue.enqueueTrack({ trackId, source: 'slskd' });
    core.processor.kick();
    const [done] = await settle([item.id]);
    expect(done).toMatchObject({ status: 'completed' });
    const first = done!.destination_path!;
    expect(first.startsWith(join(dir, 'Library'))).toBe(true);
    const r = await call<{ path: string }>('match.fileExisting', { queueItemId: item.id, artist: { id: w.nina.id, name: 'Nina Vale' } });
    const target = join(transferDir, 'Nina Vale', 'Nina Vale - Tidewater', '03 Low Tide.mp3');
    expect(r.path).toBe(target);
    expect(existsSync(first)).toBe(false);
    expect(core.queue.get(item.id)?.destination_path).toBe(target);
    expect(core.catalog.getTrack(trackId)).toMatchObject({ local_path: target, status: 'downloaded' });
    expect((await mutagenTags(target)).tags).toMatchObject({ TIT2: ['Low Tide'], TALB: ['Tidewater'], TRCK: ['3/3'], TSRC: ['GBTDW1900003'] });
  });

  it('refuses a loose file outside the Soulseek downloads folder, and a download that has not finished', async () => {
    const outside = await core.dispatch('match.fileExisting', { path: join(dir, 'catalog.db'), artist: daft() }, { role: 'admin' });
    expect(outside).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const both = await core.dispatch('match.fileExisting', { path: 'x.mp3', queueItemId: 1, artist: daft() }, { role: 'admin' });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const trackId = core.catalog.upsertTrack({ title: 'Not Yet', artist: { name: 'Nobody' } });
    const { item } = core.queue.enqueueTrack({ trackId, source: 'tickets' });
    const waiting = await core.dispatch('match.fileExisting', { queueItemId: item.id, artist: daft() }, { role: 'admin' });
    expect(waiting).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/finished download/) } });
  });
});

describeWithMutagen('crash between transfer and tagging', () => {
  it('the next start finds the untagged file in place, tags it, removes the original and finishes the item', async () => {
    // Download and file nothing yet: a core that does not run the queue, then the state a crash after the
    // transfer step leaves (journal at "transferred", the copy in place untagged, the original still there).
    await core.close();
    core = openCore(false);
    const f = peerFile(`${ALBUM_FOLDER}\\11 - Veridis Quo.mp3`);
    const item = await core.matched.download(f, daft());
    const original = join(downloadsDir, 'crashed', '11 - Veridis Quo.mp3');
    await mkdir(join(downloadsDir, 'crashed'), { recursive: true });
    await writeFile(original, delivered('11 - Veridis Quo.mp3'));
    const { resolveTrack } = await import('../../src/main/flows/matchedDownload');
    const outcome = await resolveTrack(await (await core.spotify()).api('main'), { filename: f.filename, durationMs: 3000 }, daft());
    expect(outcome.kind).toBe('matched');
    if (outcome.kind !== 'matched') return;
    const target = join(transferDir, 'Daft Punk', 'Daft Punk - Discovery', '11 Veridis Quo.mp3');
    await writeFile(target, await readFile(original));
    core.db.prepare(`UPDATE filing_journal SET step='transferred', original_path=?, target_path=?, context=json_set(context, '$.metadata', json(?)) WHERE queue_item_id=?`)
      .run(original, target, JSON.stringify(outcome.metadata), item.id);
    core.db.prepare(`UPDATE queue_items SET status='in_progress', worker='gone-host:999999', external_ref=NULL WHERE id=?`).run(item.id);
    const untagged = await mutagenTags(target);
    expect(untagged.tags.TALB).toBeUndefined();
    await core.close();

    const enqueuesBefore = slskd.counters.enqueuePosts;
    core = openCore(true);
    await new Promise((r) => setTimeout(r, 50));
    await core.processor.whenIdle();
    expect(core.queue.get(item.id)).toMatchObject({ status: 'completed', destination_path: target });
    expect(slskd.counters.enqueuePosts).toBe(enqueuesBefore);
    expect((await mutagenTags(target)).tags).toMatchObject({ TIT2: ['Veridis Quo'], TALB: ['Discovery'], TRCK: ['11/12'] });
    expect(existsSync(original)).toBe(false);
    expect(core.db.prepare('SELECT count(*) AS n FROM filing_journal WHERE queue_item_id = ?').get(item.id)).toEqual({ n: 0 });
  });
  /**
   * The state a crash in the middle of the copy leaves: the journal at "transferring", half a copy under its part
   * name beside the target (written by a process that is gone), the original in the downloads folder or not.
   */
  async function crashedWhileTransferring(track: string, originalThere: boolean) {
    await core.close();
    core = openCore(false);
    const f = peerFile(`${ALBUM_FOLDER}\\${track}.mp3`);
    const item = await core.matched.download(f, daft());
    const original = join(downloadsDir, 'crashed', `${track}.mp3`);
    if (originalThere) {
      await mkdir(join(downloadsDir, 'crashed'), { recursive: true });
      await writeFile(original, delivered(`${track}.mp3`));
    }
    const { resolveTrack } = await import('../../src/main/flows/matchedDownload');
    const outcome = await resolveTrack(await (await core.spotify()).api('main'), { filename: f.filename, durationMs: 3000 }, daft());
    if (outcome.kind !== 'matched') throw new Error(`${track} does not match`);
    const target = join(transferDir, 'Daft Punk', 'Daft Punk - Discovery', `${track.replace(/^(\d+) - /, '$1 ')}.mp3`);
    const part = partPathFor(target, partWriterToken('gone-host:999999'));
    await rm(target, { force: true }); // filed by the album test above: here the crash came before the rename
    await mkdir(join(transferDir, 'Daft Punk', 'Daft Punk - Discovery'), { recursive: true });
    await writeFile(part, delivered(`${track}.mp3`).subarray(0, 1000));
    core.db.prepare(`UPDATE filing_journal SET step='transferring', original_path=?, target_path=?, part_path=?, context=json_set(context, '$.metadata', json(?)) WHERE queue_item_id=?`)
      .run(original, target, part, JSON.stringify(outcome.metadata), item.id);
    core.db.prepare(`UPDATE queue_items SET status='in_progress', worker='gone-host:999999' WHERE id=?`).run(item.id);
    await core.close();
    return { item, original, target, part };
  }

  it('a crash while transferring: the next start drops the half copy and files the original again', async () => {
    const { item, original, target, part } = await crashedWhileTransferring('12 - Short Circuit', true);
    const enqueuesBefore = slskd.counters.enqueuePosts;
    core = openCore(true);
    await core.processor.whenIdle();
    expect(core.queue.get(item.id)).toMatchObject({ status: 'completed', destination_path: target });
    expect(slskd.counters.enqueuePosts).toBe(enqueuesBefore);
    expect(existsSync(part)).toBe(false);
    expect(existsSync(original)).toBe(false);
    expect(await audioStreamMd5(target)).toBe(await md5OfBytes(delivered('12 - Short Circuit.mp3'), 'mp3'));
    expect((await mutagenTags(target)).tags).toMatchObject({ TIT2: ['Short Circuit'], TRCK: ['12/12'] });
    expect(core.db.prepare('SELECT count(*) AS n FROM filing_journal WHERE queue_item_id = ?').get(item.id)).toEqual({ n: 0 });
  });

  it('a crash while transferring, the original gone since: rolled back (the half copy goes), downloaded again and filed', async () => {
    const { item, original, target, part } = await crashedWhileTransferring('03 - Digital Love', false);
    const transfersBefore = slskd.transfers().filter((t) => t.filename.endsWith('03 - Digital Love.mp3')).length;
    core = openCore(true);
    await core.processor.whenIdle();
    expect(existsSync(part)).toBe(false);
    expect(existsSync(original)).toBe(false);
    expect(slskd.transfers().filter((t) => t.filename.endsWith('03 - Digital Love.mp3')).length).toBe(transfersBefore + 1);
    expect(core.queue.get(item.id)).toMatchObject({ status: 'completed', destination_path: target });
    expect((await mutagenTags(target)).tags).toMatchObject({ TIT2: ['Digital Love'], TRCK: ['3/12'] });
  });
});
