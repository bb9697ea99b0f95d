// Every download is tagged the same way: tracks fetched through slskd and through the ticket service get the
// catalog's metadata and the album cover, read back with mutagen (an independent reader), with the audio frames
// byte for byte what the source delivered. A file that cannot be tagged is still filed, with a note saying so.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { closeTagWorker } from '../../src/main/library';
import { createSlskdSource } from '../../src/main/sources';
import { createTicketsSource } from '../../src/main/sources';
import { flac, mp3, peer, startSlskdEmulator, type SlskdEmulator } from '../emulators/slskd';
import { startTicketsEmulator, type TicketsEmulator } from '../emulators/tickets';
import { audioStreamMd5, hasMutagen, mutagenTags } from '../support/mutagenTags';
import { openTestCore, tempDir } from '../support/testCore';

const run = promisify(execFile);
const API_KEY = 'slskd-tags-key';
const mutagen = await hasMutagen();
const describeWithMutagen = mutagen ? describe : describe.skip; // reason: python3-mutagen not installed

let dir: string;
let cleanup: () => Promise<void>;
let slskd: SlskdEmulator;
let tickets: TicketsEmulator;
let covers: Server;
let coverUrl: string;
let coverSha: string;
let coverRequests = 0;
let core: Core;
const ids: Record<string, number> = {};

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('cassette-download-tags-'));
  const downloadsDir = join(dir, 'slskd-downloads');
  await mkdir(downloadsDir);
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=blue:s=32x32', '-frames:v', '1', join(dir, 'cover.jpg')]);
  const cover = await readFile(join(dir, 'cover.jpg'));
  coverSha = sha256(cover);
  // The CDN answers with a generic content type: the image is recognised by its bytes.
  covers = createServer((req, res) => {
    coverRequests++;
    if (req.url === '/covers/tidewater.jpg') res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(cover);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => covers.listen(0, '127.0.0.1', resolve));
  coverUrl = `http://127.0.0.1:${(covers.address() as AddressInfo).port}/covers/tidewater.jpg`;

  slskd = await startSlskdEmulator({
    downloadsDir, apiKey: API_KEY, searchDelayMs: 30, tickMs: 10, requestedMs: 10, transferBytesPerSec: 5_000_000,
    peers: [
      peer('alice')
        .file('@@music\\Nina Vale\\Tidewater\\01 - Nina Vale - Harbour Lights.flac', flac(3))
        .file('@@music\\Nina Vale\\Tidewater\\02 - Nina Vale - Undertow.mp3', mp3(3)),
    ],
  });
  tickets = await startTicketsEmulator({
    defaults: { stepMs: 5 },
    behaviour: (request) => ({ format: request.tracks[0]?.title === 'Sandbar' ? 'mp3' : 'flac', seconds: 3 }),
  });
  await Promise.all([tickets.prepare('flac', 3), tickets.prepare('mp3', 3)]);

  core = openTestCore(dir, {
    runQueue: true,
    sources: {
      slskd: createSlskdSource(
        { baseUrl: slskd.url, apiKey: API_KEY, downloadsDir, stallMs: 2_000, pollMs: 20, searchTimeoutMs: 50, budget: { maxSearches: 100, windowMs: 1_000, minGapMs: 0 } },
        { http: { retries: 2, backoffLimitMs: 50 } },
      ),
      tickets: createTicketsSource({ baseUrl: tickets.url, token: tickets.apiKey, pollMs: 10, stallMs: 5_000, backoffLimitMs: 50 }),
    },
  });
  const c = core.catalog;
  const tidewater = c.upsertAlbum({
    title: 'Tidewater', artist: { name: 'Nina Vale' }, releaseDate: '2019-04-05', genre: 'Folk', label: 'Tide Records',
    trackCount: 2, discCount: 1, coverUrl, spotifyId: 'spAlbumTidewater',
  });
  ids.harbour = c.upsertTrack({ title: 'Harbour Lights', artist: { name: 'Nina Vale' }, albumId: tidewater, trackNumber: 1, discNumber: 1, durationSec: 3, isrc: 'GBTDW1900001', spotifyId: 'spHarbour' });
  ids.undertow = c.upsertTrack({ title: 'Undertow', artist: { name: 'Nina Vale' }, albumId: tidewater, trackNumber: 2, discNumber: 1, durationSec: 3, isrc: 'GBTDW1900002' });
  // No cover known for this album: tagged without a picture.
  const shoals = c.upsertAlbum({ title: 'Shoals', artist: { name: 'Ada Okafor' }, releaseDate: '2021', trackCount: 3, discCount: 2 });
  ids.reef = c.upsertTrack({ title: 'Reef', version: 'Live', artist: { name: 'Ada Okafor feat. Rio' }, albumId: shoals, trackNumber: 1, discNumber: 2, durationSec: 3, spotifyId: 'spReef' });
  ids.sandbar = c.upsertTrack({ title: 'Sandbar', artist: { name: 'Ada Okafor' }, albumId: shoals, trackNumber: 2, discNumber: 2, durationSec: 3 });
  ids.other = c.upsertTrack({ title: 'Shallows', artist: { name: 'Ada Okafor' }, albumId: shoals, trackNumber: 1, discNumber: 1, durationSec: 3 });
  for (const [name, source] of [['harbour', 'slskd'], ['undertow', 'slskd'], ['reef', 'tickets'], ['sandbar', 'tickets']] as const) {
    core.queue.enqueueTrack({ trackId: ids[name]!, priority: 2, source });
  }
  core.processor.kick();
  await core.processor.whenIdle();
}, 60_000);

afterAll(async () => {
  await core?.close();
  await closeTagWorker();
  await slskd?.close();
  await tickets?.close();
  await new Promise<void>((resolve) => covers.close(() => resolve()));
  await cleanup();
});

function filed(name: string): { path: string; size: number; status: string } {
  const t = core.catalog.getTrack(ids[name]!)!;
  return { path: t.local_path ?? '', size: t.size_bytes ?? -1, status: t.status };
}

/** The bytes the emulators delivered for a track, to compare the audio frames with. */
async function deliveredBytes(name: string): Promise<Buffer> {
  if (name === 'harbour' || name === 'undertow') {
    const title = name === 'harbour' ? 'Harbour Lights' : 'Undertow';
    const t = slskd.transfers().find((x) => x.filename.includes(title));
    if (!t?.bytes) throw new Error(`slskd delivered nothing for ${name}`);
    return t.bytes;
  }
  const title = name === 'reef' ? 'Reef' : 'Sandbar';
  const ticket = tickets.tickets().find((x) => (x as { request?: { tracks: { title: string }[] } }).request?.tracks[0]?.title === title);
  const path = ticket ? tickets.filePath(ticket.id, 0) : undefined;
  if (!path) throw new Error(`no ticket file for ${name}`);
  return readFile(path);
}

describeWithMutagen('downloads from slskd and the ticket service are tagged from the catalog', () => {
  it('files all four, with the tagged size in the catalog', async () => {
    for (const name of ['harbour', 'undertow', 'reef', 'sandbar']) {
      const f = filed(name);
      expect(f.status).toBe('downloaded');
      expect((await stat(f.path)).size).toBe(f.size);
    }
    expect(filed('harbour').path).toBe(join(dir, 'Library', 'Nina Vale', 'Nina Vale - Tidewater', '01 Harbour Lights.flac'));
    expect(filed('sandbar').path.endsWith('.mp3')).toBe(true);
  });

  it('FLAC from slskd: Vorbis comments with every catalog field and the album cover', async () => {
    const t = await mutagenTags(filed('harbour').path);
    expect(t.tags).toMatchObject({
      TITLE: ['Harbour Lights'], ARTIST: ['Nina Vale'], ARTISTS: ['Nina Vale'], ALBUMARTIST: ['Nina Vale'], ALBUM: ['Tidewater'],
      TRACKNUMBER: ['1'], TRACKTOTAL: ['2'], DISCNUMBER: ['1'], DISCTOTAL: ['1'], DATE: ['2019-04-05'], GENRE: ['Folk'],
      LABEL: ['Tide Records'], ISRC: ['GBTDW1900001'], SPOTIFY_TRACK_ID: ['spHarbour'], SPOTIFY_ALBUM_ID: ['spAlbumTidewater'],
    });
    expect(t.pictures).toEqual([{ type: 3, mime: 'image/jpeg', sha256: coverSha }]);
  });

  it('MP3 from slskd: ID3v2.4 frames and the same cover, fetched once for the album', async () => {
    const t = await mutagenTags(filed('undertow').path);
    expect(t.id3Version?.slice(0, 2)).toEqual([2, 4]);
    expect(t.tags).toMatchObject({
      TIT2: ['Undertow'], TPE1: ['Nina Vale'], TPE2: ['Nina Vale'], TALB: ['Tidewater'], TRCK: ['2/2'], TPOS: ['1/1'],
      TDRC: ['2019-04-05'], TCON: ['Folk'], TPUB: ['Tide Records'], TSRC: ['GBTDW1900002'], 'TXXX:SPOTIFY_ALBUM_ID': ['spAlbumTidewater'],
    });
    expect(t.pictures).toEqual([{ type: 3, mime: 'image/jpeg', sha256: coverSha }]);
    expect(coverRequests).toBe(1);
  });

  it('FLAC and MP3 from tickets: version in the title, featured artists listed, disc n/N, no cover when none is known', async () => {
    const reef = await mutagenTags(filed('reef').path);
    expect(reef.tags).toMatchObject({
      TITLE: ['Reef (Live)'], ARTIST: ['Ada Okafor feat. Rio'], ARTISTS: ['Ada Okafor', 'Rio'], ALBUMARTIST: ['Ada Okafor'],
      ALBUM: ['Shoals'], TRACKNUMBER: ['1'], TRACKTOTAL: ['2'], DISCNUMBER: ['2'], DISCTOTAL: ['2'], DATE: ['2021'],
      SPOTIFY_TRACK_ID: ['spReef'],
    });
    expect(reef.pictures).toEqual([]);
    const sandbar = await mutagenTags(filed('sandbar').path);
    expect(sandbar.tags).toMatchObject({ TIT2: ['Sandbar'], TPE1: ['Ada Okafor'], TALB: ['Shoals'], TRCK: ['2/2'], TPOS: ['2/2'] });
    expect(sandbar.pictures).toEqual([]);
  });

  it('leaves the audio frames exactly as the source delivered them', async () => {
    for (const name of ['harbour', 'undertow', 'reef', 'sandbar']) {
      const delivered = join(dir, `delivered-${name}${filed(name).path.slice(filed(name).path.lastIndexOf('.'))}`);
      await writeFile(delivered, await deliveredBytes(name));
      expect(await audioStreamMd5(filed(name).path)).toBe(await audioStreamMd5(delivered));
      // And the file did change: the tags are really in it.
      expect(sha256(await readFile(filed(name).path))).not.toBe(sha256(await readFile(delivered)));
    }
  });
});

describe('a download that cannot be tagged', () => {
  it('is filed untagged, unchanged, with a note on its queue row', async () => {
    const { scriptedSource } = await import('../support/scriptedSource');
    const { dir: d2, cleanup: c2 } = await tempDir('cassette-untaggable-');
    const wav = join(d2, 'tone.wav');
    await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', wav]);
    const source = scriptedSource({ kind: 'deliver', file: wav, ext: 'wav' }, 'slskd');
    const core2 = openTestCore(d2, { runQueue: true, sources: { slskd: source } });
    try {
      const album = core2.catalog.upsertAlbum({ title: 'Raw', artist: { name: 'Nina Vale' }, trackCount: 1, discCount: 1 });
      const id = core2.catalog.upsertTrack({ title: 'Unpacked', artist: { name: 'Nina Vale' }, albumId: album, trackNumber: 1, durationSec: 2 });
      const { item } = core2.queue.enqueueTrack({ trackId: id, priority: 2, source: 'slskd' });
      core2.processor.kick();
      await core2.processor.whenIdle();
      const done = core2.queue.get(item.id)!;
      expect(done.status).toBe('completed');
      expect(done.detail).toMatch(/Filed without tags \(.*Cannot write tags to \.wav/);
      const t = core2.catalog.getTrack(id)!;
      expect(t.status).toBe('downloaded');
      expect(sha256(await readFile(t.local_path!))).toBe(sha256(await readFile(wav)));
    } finally {
      await core2.close();
      await c2();
    }
  });
});
