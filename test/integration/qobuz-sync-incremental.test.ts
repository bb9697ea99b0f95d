// Syncing again and again: a second run makes no per-track network call and is "up to date"; a deleted or
// damaged file is downloaded again; a new purchase is all that is fetched; files already in the folder (at their
// place, or elsewhere with telling tags) are adopted instead of downloaded; a dry run writes nothing.
import { mkdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogStatus } from '../../src/main/catalog';
import type { Core } from '../../src/main/core';
import { readTags, writeTags } from '../../src/main/library';
import { makeTone } from '../support/audio';
import { qobuzLibrary, startQobuzEmulator, type QobuzEmulator } from '../emulators/qobuz';
import { filesUnder, openSyncCore, playableDuration, syncSandbox, type SyncSandbox } from '../support/qobuzSync';

let emu: QobuzEmulator;
let box: SyncSandbox;

function library() {
  return qobuzLibrary()
    .album({ title: 'First Light', artist: 'Nadia Sol', tracks: [{ title: 'Dawn', durationSec: 31 }, { title: 'Noon', durationSec: 32 }, { title: 'Dusk', durationSec: 33 }] })
    .album({
      title: 'Deep Water',
      artist: 'The Tidelines',
      discs: [[{ title: 'Shallows', durationSec: 31 }, { title: 'Reef', durationSec: 32 }], [{ title: 'Trench', durationSec: 33 }]],
    })
    .album({ title: 'Later On', artist: 'Nadia Sol', purchased: false, tracks: [{ title: 'Afterglow', durationSec: 34 }] })
    .track({ title: 'Lone Star', durationSec: 32, album: { title: 'Singles', artist: 'Nadia Sol' } })
    .alsoBoughtAlone('Noon')
    .build();
}

const perTrackCalls = () => ['track/getFileUrl', 'cdn/file', 'track/get', 'album/get', 'images'].reduce((n, e) => n + emu.count(e), 0);

async function syncWith(fn: (core: Core) => Promise<unknown>): Promise<void> {
  // A fresh core per run, as each `qoget sync` is a new process.
  const core = openSyncCore(box);
  try {
    await fn(core);
  } finally {
    await core.close();
  }
}

beforeAll(async () => {
  emu = await startQobuzEmulator({ library: library() });
  box = await syncSandbox(emu);
});
afterAll(async () => {
  await emu.close();
  await box.cleanup();
});

describe('syncing again', () => {
  it('the first run downloads every purchase', async () => {
    await syncWith(async (core) => {
      const s = await core.qobuz.sync({ folder: box.musicDir });
      expect(s.downloaded).toHaveLength(7);
      expect(s.failed).toEqual([]);
    });
  });

  it('a second run makes no per-track network call: only the purchase-list pages, and says up to date', async () => {
    emu.resetCounts();
    await syncWith(async (core) => {
      const s = await core.qobuz.sync({ folder: box.musicDir });
      expect(s).toMatchObject({ upToDate: true, skipped: 7, downloaded: [], failed: [], recognised: [] });
    });
    expect(perTrackCalls()).toBe(0);
    // One page of albums, one of tracks (the token was checked a moment ago), and the web player's version check.
    expect(emu.counts()).toEqual({ 'purchase/getUserPurchases': 2, 'web/login': 1 });
  });

  it('a deleted file and a damaged (wrong-size) file are downloaded again, and nothing else', async () => {
    const gone = join(box.musicDir, 'Nadia Sol/First Light/03 - Dusk.mp3');
    const cut = join(box.musicDir, 'The Tidelines/Deep Water/Disc 2/01 - Trench.mp3');
    const full = (await stat(cut)).size;
    await rm(gone);
    await truncate(cut, 20_000);
    emu.resetCounts();
    await syncWith(async (core) => {
      const s = await core.qobuz.sync({ folder: box.musicDir });
      expect(s.downloaded.map((d) => [d.title, d.reason]).sort()).toEqual([['Dusk', 'missing'], ['Trench', 'wrong_size']]);
      expect(s.skipped).toBe(5);
    });
    expect(emu.count('cdn/file')).toBe(2);
    expect(emu.count('track/getFileUrl')).toBe(2);
    expect((await stat(cut)).size).toBe(full);
    expect(await playableDuration(cut)).toBeCloseTo(33, 0);
    expect(await playableDuration(gone)).toBeCloseTo(33, 0);
    expect((await readTags(gone)).externalIds?.QOBUZ_TRACK_ID).toBe(String(emu.library.trackByTitle('Dusk').id));
    expect((await filesUnder(box.musicDir)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('a new purchase is all the next run fetches', async () => {
    const later = emu.library.albumByTitle('Later On');
    emu.library.purchasedAlbumIds.push(later.id);
    emu.resetCounts();
    await syncWith(async (core) => {
      const s = await core.qobuz.sync({ folder: box.musicDir });
      expect(s.downloaded.map((d) => d.path)).toEqual([join(box.musicDir, 'Nadia Sol/Later On/01 - Afterglow.mp3')]);
      expect(s.skipped).toBe(7);
    });
    expect(emu.count('album/get')).toBe(1);
    expect(emu.count('cdn/file')).toBe(1);
  });

  it('a dry run lists what would be downloaded, with paths and reasons, and changes nothing', async () => {
    const dusk = join(box.musicDir, 'Nadia Sol/First Light/03 - Dusk.mp3');
    await rm(dusk);
    emu.resetCounts();
    await syncWith(async (core) => {
      const before = catalogStatus(core.db);
      const p = await core.qobuz.preview({ folder: box.musicDir });
      expect(p.planned.map(({ trackId, albumId, path, reason }) => ({ trackId, albumId, path, reason }))).toEqual([
        { trackId: emu.library.trackByTitle('Dusk').id, albumId: emu.library.albumByTitle('First Light').id, path: dusk, reason: 'missing' },
      ]);
      expect(p.skipped).toBe(7);
      expect(catalogStatus(core.db)).toEqual(before);
      expect(core.queue.stats().pending).toBe(0);
    });
    expect(emu.count('cdn/file') + emu.count('track/getFileUrl')).toBe(0);
  });
});

describe('files already in the folder', () => {
  let fresh: SyncSandbox;
  beforeAll(async () => {
    fresh = await syncSandbox(emu);
  });
  afterAll(async () => {
    await fresh.cleanup();
  });

  async function toneAt(path: string, seconds: number): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    await makeTone(path, { seconds, format: 'mp3', bitrateKbps: 128 });
  }

  it('are recognised by path or by tags (QOBUZ_TRACK_ID, ISRC, title/artist/album) and adopted, not downloaded', async () => {
    const lib = emu.library;
    const m = fresh.musicDir;
    // At its planned place, from an earlier run whose catalog is gone.
    await toneAt(join(m, 'Nadia Sol/First Light/01 - Dawn.mp3'), 31);
    // Another tool's names, told apart by their tags.
    await toneAt(join(m, 'old/noon.mp3'), 32);
    await writeTags(join(m, 'old/noon.mp3'), { title: 'x', artists: ['y'], externalIds: { QOBUZ_TRACK_ID: String(lib.trackByTitle('Noon').id) } });
    await toneAt(join(m, 'old/reef.mp3'), 32);
    await writeTags(join(m, 'old/reef.mp3'), { title: 'Reef?', artists: ['Someone'], isrc: lib.trackByTitle('Reef').isrc });
    await toneAt(join(m, 'old/Nadia Sol - Lone Star.mp3'), 32);
    await writeTags(join(m, 'old/Nadia Sol - Lone Star.mp3'), { title: 'Lone Star', artists: ['Nadia Sol'], album: 'Singles' });
    // The right name but not the track (5 s of something else): replaced by the real download.
    await toneAt(join(m, 'The Tidelines/Deep Water/Disc 1/01 - Shallows.mp3'), 5);
    // An unrelated file stays untouched.
    await writeFile(join(m, 'old/notes.txt'), 'mine');

    emu.resetCounts();
    const core = openSyncCore(fresh);
    try {
      const s = await core.qobuz.sync({ folder: m });
      expect(Object.fromEntries(s.recognised.map((r) => [r.title, [r.how, r.path.slice(m.length + 1)]]))).toEqual({
        Dawn: ['path', 'Nadia Sol/First Light/01 - Dawn.mp3'],
        Noon: ['qobuz_id', 'old/noon.mp3'],
        Reef: ['isrc', 'old/reef.mp3'],
        'Lone Star': ['tags', 'old/Nadia Sol - Lone Star.mp3'],
      });
      expect(s.downloaded.map((d) => [d.title, d.reason]).sort()).toEqual([
        ['Afterglow', 'new'], ['Dusk', 'new'], ['Shallows', 'unreadable'], ['Trench', 'new'],
      ]);
      for (const title of ['Dawn', 'Noon', 'Reef', 'Lone Star']) expect(emu.count('cdn/file', lib.trackByTitle(title).id)).toBe(0);
      expect(await playableDuration(join(m, 'The Tidelines/Deep Water/Disc 1/01 - Shallows.mp3'))).toBeCloseTo(31, 0);
      expect(catalogStatus(core.db)).toMatchObject({ downloaded: 8, missing: 0, failed: 0 });
    } finally {
      await core.close();
    }
    // Adopted files count as present from now on.
    emu.resetCounts();
    const again = openSyncCore(fresh);
    try {
      expect(await again.qobuz.sync({ folder: m })).toMatchObject({ upToDate: true, skipped: 8 });
    } finally {
      await again.close();
    }
    expect(perTrackCalls()).toBe(0);
    expect(await readFile(join(m, 'old/notes.txt'), 'utf8')).toBe('mine');
  });

  it('a remembered token that Qobuz revoked stops the run before any download, with what to do', async () => {
    emu.revokeToken();
    emu.resetCounts();
    await syncWith(async (core) => {
      await expect(core.qobuz.sync({ folder: box.musicDir })).rejects.toMatchObject({
        code: 'auth_expired',
        message: expect.stringMatching(/Qobuz rejected .*Run `qoget login` again/),
      });
    });
    expect(perTrackCalls()).toBe(0);
    // Forgotten: the next run checks the token again instead of trusting it.
    emu.resetCounts();
    await syncWith(async (core) => {
      await expect(core.qobuz.sync({ folder: box.musicDir })).rejects.toMatchObject({ code: 'auth_expired' });
    });
    expect(emu.count('user/get')).toBe(1);
  });
});
