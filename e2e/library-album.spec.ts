// A compilation of 5,000 tracks: the album's track list is virtualised and paged, so it scrolls to its last
// track while the page holds only the rows on screen (the list used to stop at 2,000).
import { expect, test } from './support/fixtures';

const TRACKS = 5000;
let albumId = 0;
test.use({
  cassetteOptions: {
    core: { env: {} },
    seed: async (core) => {
      core.db.transaction(() => {
        albumId = core.catalog.upsertAlbum({ title: 'Every Song Ever', artist: { name: 'Various Artists' }, trackCount: TRACKS, isCompilation: true });
        for (let n = 1; n <= TRACKS; n++) {
          core.catalog.upsertTrack({ title: `Track ${String(n).padStart(4, '0')}`, artist: { name: 'Various Artists' }, albumId, trackNumber: n, durationSec: 180 });
        }
      })();
    },
  },
});

test('an album of 5,000 tracks scrolls to its last track with a bounded number of rows in the page', async ({ app }) => {
  await app.goto(`${app.url().split('#')[0]}#/library/album/${albumId}`);
  await expect(app.getByRole('heading', { name: 'Every Song Ever', level: 1 })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Download 5,000 missing' })).toBeVisible();
  const list = app.getByRole('list', { name: 'Tracks' });
  await expect(list).toHaveAttribute('aria-rowcount', String(TRACKS));
  await expect(list.getByText('Track 0001', { exact: true })).toBeVisible();
  const rows = () => list.getByRole('listitem').count();
  expect(await rows()).toBeLessThan(60);

  // Half-way, then the end: each jump fetches only the pages under the view.
  await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  await expect(list.getByText('Track 2500', { exact: true })).toBeAttached();
  await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const last = list.getByText('Track 5000', { exact: true });
  await expect(last).toBeVisible();
  await expect(list.getByRole('listitem').last()).toHaveAttribute('aria-posinset', String(TRACKS));
  expect(await rows()).toBeLessThan(60);
  await expect(list.getByText('Track 0001', { exact: true })).toHaveCount(0);
});
