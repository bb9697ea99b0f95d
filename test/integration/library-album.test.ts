// An album's tracks through the contract, a page at a time in disc/track order: a compilation larger than the
// old cap of 2,000 tracks comes through to its last track.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OWNER, type Core } from '../../src/main/core';
import { openTestCore, tempDir } from '../support/testCore';

let core: Core;
let cleanup: () => Promise<void>;
let albumId = 0;
beforeAll(async () => {
  const t = await tempDir('cassette-library-album-');
  cleanup = t.cleanup;
  core = openTestCore(t.dir, { reconcileOnStart: false });
  core.db.transaction(() => {
    albumId = core.catalog.upsertAlbum({ title: 'Box Set', artist: { name: 'Various Artists' }, discCount: 2 });
    // Disc 2 first, in reverse, so the order comes from the query and not from insertion.
    for (let n = 1250; n >= 1; n--) core.catalog.upsertTrack({ title: `B${n}`, artist: { name: 'Various Artists' }, albumId, discNumber: 2, trackNumber: n });
    for (let n = 1250; n >= 1; n--) core.catalog.upsertTrack({ title: `A${n}`, artist: { name: 'Various Artists' }, albumId, discNumber: 1, trackNumber: n });
  })();
});
afterAll(async () => {
  await core.close();
  await cleanup();
});

it('pages an album of 2,500 tracks in disc and track order, to the last one', async () => {
  const first = await core.handlers['library.album']({ id: albumId });
  expect([first.total, first.tracks.length, first.tracks[0]!.title, first.tracks[99]!.title]).toEqual([2500, 100, 'A1', 'A100']);
  expect(first.album).toMatchObject({ title: 'Box Set', tracks: 2500, missing: 2500 });
  const across = await core.handlers['library.album']({ id: albumId, offset: 1249, limit: 2 });
  expect(across.tracks.map((t) => [t.discNumber, t.trackNumber])).toEqual([[1, 1250], [2, 1]]);
  const last = await core.handlers['library.album']({ id: albumId, offset: 2400, limit: 500 });
  expect([last.tracks.length, last.tracks.at(-1)!.title]).toEqual([100, 'B1250']);
  await expect(core.dispatch('library.album', { id: albumId, limit: 501 }, OWNER)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
});
