// A file vanishes from disk; "Reconcile now" makes the dashboard say so: one fewer downloaded, one more missing,
// and the missing track is queued.
import { rm } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { seedDownloadedTracks, type SeededTrack } from './support/seed';

let tracks: SeededTrack[] = [];
test.use({
  cassetteOptions: {
    seed: async (core, dir) => {
      tracks = await seedDownloadedTracks(core, dir, 4);
    },
  },
});
// The steps share one catalog: each goes on from the state the one before left.
test.describe.configure({ mode: 'serial' });
test.afterEach(({ pageErrors }) => {
  // No CSP violations, no React warnings.
  expect(pageErrors).toEqual([]);
});

const counter = (page: Page, name: string) => page.getByRole('region', { name: 'Collection' }).getByRole('listitem', { name, exact: true });

test('shows the catalog counters', async ({ app }) => {
  await expect(counter(app, 'Songs: 4')).toBeVisible();
  await expect(counter(app, 'Downloaded: 4')).toBeVisible();
  await expect(counter(app, 'Missing: 0')).toBeVisible();
  await expect(counter(app, 'Artists: 3')).toBeVisible();
});

test('moves a deleted file from Downloaded to Missing after "Reconcile now"', async ({ app }) => {
  await expect(counter(app, 'Downloaded: 4')).toBeVisible();
  await rm(tracks[1]!.path!);
  await app.getByRole('button', { name: 'Reconcile now' }).click();

  await expect(counter(app, 'Downloaded: 3')).toBeVisible();
  await expect(counter(app, 'Missing: 1')).toBeVisible();
  await expect(counter(app, 'Songs: 4')).toBeVisible();
  await expect(app.getByRole('status').filter({ hasText: 'now missing' })).toHaveText(/Checked 4 files .*1 now missing/);
});

test('queues the missing track, visible in the top bar and on the Downloads page', async ({ app }) => {
  await expect(counter(app, 'Queued: 1')).toBeVisible();
  await app.getByRole('link', { name: /^Downloads/ }).click();
  await app.getByRole('tab', { name: /^Queued/ }).click();
  await expect(
    app.getByRole('list', { name: 'Queued downloads' }).getByRole('listitem', { name: `${tracks[1]!.title} by ${tracks[1]!.artist}` }),
  ).toBeVisible();
});
