// The ID3 version setting end to end: Settings shows and saves `[library] id3_version` (the environment
// winning), a saved change applies to the very next download without a restart, and every flow that tags an MP3
// (catalog downloads, Qobuz purchases, matched filing) writes the version the setting names. Read back with
// mutagen, independent of the writer.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsPatch, settingsView } from '../../src/shared/contract';
import { settingsPath } from '../../src/main/config';
import { pathsFor, type Core } from '../../src/main/core';
import { fileMatched, type MatchedMetadata } from '../../src/main/flows/matchedDownload';
import { openDatabase } from '../../src/main/db';
import { closeTagWorker, CoverArtCache, FilingJournal } from '../../src/main/library';
import { qobuzLibrary, startQobuzEmulator } from '../emulators/qobuz';
import { mp3, peer, startSlskdEmulator, type SlskdEmulator } from '../emulators/slskd';
import { ToneCache } from '../emulators/slskd/toneCache';
import { pinnedPeerFileRef } from '../../src/main/sources';
import { makeTone } from '../support/audio';
import { frameTexts, mutagenId3Frames } from '../support/mutagenId3';
import { hasMutagen } from '../support/mutagenTags';
import { openSyncCore, syncSandbox } from '../support/qobuzSync';
import { FakeClock, openTestCore, tempDir } from '../support/testCore';

const mutagen = await hasMutagen();
const describeWithMutagen = mutagen ? describe : describe.skip; // reason: python3-mutagen not installed

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('cassette-id3-setting-'));
});

afterAll(async () => {
  await closeTagWorker();
  await cleanup();
});

describe('the ID3 version in Settings', () => {
  it('is 2.4 by default, saves 2.3 into [library] id3_version, and a new core reads it back', async () => {
    const data = join(dir, 'roundtrip');
    const core = openTestCore(data, { env: {} });
    try {
      expect((await core.handlers['settings.get']({})).tags).toEqual({ id3Version: '2.4', fromEnv: [] });
      const saved = await core.handlers['settings.save']({ id3Version: '2.3', libraryIndex: 'folder' });
      expect(settingsView.parse(saved).tags).toEqual({ id3Version: '2.3', fromEnv: [] });
      expect(await readFile(settingsPath(pathsFor(data)), 'utf8')).toContain('[library]\nid3_version = "2.3"');
    } finally {
      await core.close();
    }
    const again = openTestCore(data, { env: {} });
    try {
      expect((await again.handlers['settings.get']({})).tags.id3Version).toBe('2.3');
      await again.handlers['settings.save']({ id3Version: '2.4' });
      expect(await readFile(settingsPath(pathsFor(data)), 'utf8')).not.toContain('id3_version');
      expect((await again.handlers['settings.get']({})).tags.id3Version).toBe('2.4');
    } finally {
      await again.close();
    }
  });

  it('shows CASSETTE_ID3_VERSION as set in the environment and refuses to save another value', async () => {
    const core = openTestCore(join(dir, 'env'), { env: { CASSETTE_ID3_VERSION: '2.3' } });
    try {
      expect((await core.handlers['settings.get']({})).tags).toEqual({ id3Version: '2.3', fromEnv: ['CASSETTE_ID3_VERSION'] });
      await expect(core.handlers['settings.save']({ id3Version: '2.4' })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('CASSETTE_ID3_VERSION is set in the environment'),
      });
      await expect(core.handlers['settings.save']({ id3Version: '2.3' })).resolves.toBeTruthy();
    } finally {
      await core.close();
    }
  });

  it('accepts only "2.4" and "2.3" at the contract', () => {
    expect(settingsPatch.safeParse({ id3Version: '2.3' }).success).toBe(true);
    expect(settingsPatch.safeParse({ id3Version: '2.2' }).success).toBe(false);
    expect(settingsPatch.safeParse({ id3Version: 2.3 }).success).toBe(false);
  });
});

describeWithMutagen('every flow that tags an MP3 writes the version Settings name', () => {
  let core: Core;
  let slskd: SlskdEmulator;
  let size: number;
  const TITLES = ['Harbour Lights', 'Undertow', 'Low Tide'];
  const remote = (title: string) => `@@music\\Nina Vale\\Tidewater\\0${TITLES.indexOf(title) + 1} - Nina Vale - ${title}.mp3`;

  /** Pinned to the peer's file, as the Search page's Download does: no search (which lasts 15 s). */
  async function download(title: string): Promise<string> {
    const album = core.catalog.upsertAlbum({ title: 'Tidewater', artist: { name: 'Nina Vale' }, releaseDate: '2019-04-05', trackCount: 3, discCount: 1 });
    const id = core.catalog.upsertTrack({ title, artist: { name: 'Nina Vale' }, albumId: album, trackNumber: TITLES.indexOf(title) + 1, durationSec: 3 });
    core.queue.enqueueTrack({ trackId: id, priority: 2, source: 'slskd', externalRef: pinnedPeerFileRef({ username: 'alice', filename: remote(title), size }) });
    core.processor.kick();
    await core.processor.whenIdle();
    const t = core.catalog.getTrack(id)!;
    expect(t.status).toBe('downloaded');
    return t.local_path!;
  }

  beforeAll(async () => {
    const downloadsDir = join(dir, 'slskd-downloads');
    await mkdir(downloadsDir, { recursive: true });
    const toneCacheDir = join(dir, 'tones');
    await mkdir(toneCacheDir, { recursive: true });
    size = (await new ToneCache(toneCacheDir).bytes(mp3(3))).length;
    let shared = peer('alice');
    for (const t of TITLES) shared = shared.file(remote(t), mp3(3));
    slskd = await startSlskdEmulator({ downloadsDir, apiKey: 'id3-key', toneCacheDir, tickMs: 10, requestedMs: 10, transferBytesPerSec: 5_000_000, peers: [shared] });
    core = openTestCore(join(dir, 'downloads'), { env: {}, runQueue: true });
    // The source is the one Settings build, so saving the ID3 version below keeps it.
    await core.handlers['settings.save']({ slskd: { url: slskd.url, downloadsDir, apiKey: 'id3-key' } });
  });
  afterAll(async () => {
    await core?.close();
    await slskd?.close();
  });

  it('catalog downloads: a change in Settings applies to the next file, without a restart', async () => {
    const first = await mutagenId3Frames(await download('Harbour Lights'));
    expect(first.version).toEqual([2, 4, 0]);
    expect(frameTexts(first).TDRC).toEqual(['2019-04-05']);

    await core.handlers['settings.save']({ id3Version: '2.3' });
    const second = await mutagenId3Frames(await download('Undertow'));
    expect(second.version).toEqual([2, 3, 0]);
    expect(frameTexts(second)).toMatchObject({ TIT2: ['Undertow'], TYER: ['2019'], TDAT: ['0504'] });
    expect(frameTexts(second).TDRC).toBeUndefined();

    await core.handlers['settings.save']({ id3Version: '2.4' });
    expect((await mutagenId3Frames(await download('Low Tide'))).version).toEqual([2, 4, 0]);
  }, 60_000);

  it('Qobuz purchases are tagged as v2.3 when the setting says so', async () => {
    const emu = await startQobuzEmulator({
      library: qobuzLibrary().album({ title: 'Back in Black', artist: 'AC/DC', tracks: [{ title: 'Hells Bells', durationSec: 6 }] }).build(),
    });
    const box = await syncSandbox(emu);
    const sync = openSyncCore(box, { config: { env: { CASSETTE_ID3_VERSION: '2.3' } } });
    try {
      await sync.qobuz.sync({ folder: box.musicDir });
      const file = join(box.musicDir, 'AC_DC', 'Back in Black', '01 - Hells Bells.mp3');
      const read = await mutagenId3Frames(file);
      expect(read.version).toEqual([2, 3, 0]);
      expect(frameTexts(read)).toMatchObject({ TIT2: ['Hells Bells'], TPE1: ['AC/DC'] });
      expect(frameTexts(read).TYER?.[0]).toMatch(/^\d{4}$/);
      expect(frameTexts(read).TDRC).toBeUndefined();
    } finally {
      await sync.close();
      await emu.close();
      await box.cleanup();
    }
  }, 60_000);

  it('matched filing passes the version to writeTags', async () => {
    const db = openDatabase(join(dir, 'filing.db'));
    try {
      const journal = new FilingJournal(db, new FakeClock());
      const meta: MatchedMetadata = {
        spotifyTrackId: 't'.padEnd(22, '1'), spotifyArtistId: 'r'.padEnd(22, '1'), spotifyAlbumId: 'b'.padEnd(22, '1'),
        artist: 'AC/DC', title: 'Hells Bells', artists: ['AC/DC', 'Brian Johnson'], contributingArtists: [], album: 'Back in Black',
        release: 'Back in Black', albumArtist: 'AC/DC', trackNumber: 1, trackTotal: 10, discNumber: 1, discTotal: 1, date: '1980-07-25',
        isrc: 'AUAP08000038', probability: 0.99,
      };
      const original = await makeTone(join(dir, 'slskd', 'Hells Bells.mp3'), { seconds: 2, format: 'mp3' });
      const filed = await fileMatched(journal.open({ context: '{}' }), original, meta, {
        journal, covers: new CoverArtCache(), transferDir: join(dir, 'Transfer'), id3Version: '2.3',
      });
      const read = await mutagenId3Frames(filed.path);
      expect(read.version).toEqual([2, 3, 0]);
      expect(frameTexts(read)).toMatchObject({ TPE1: ['AC/DC & Brian Johnson'], 'TXXX:ARTISTS': ['AC/DC/Brian Johnson'], TYER: ['1980'], TDAT: ['2507'] });
    } finally {
      db.close();
    }
  });
});
