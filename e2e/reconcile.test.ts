// A file vanishes from disk; "Reconcile now" makes the dashboard say so: one fewer downloaded, one more missing.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './support/app';
import { seedDownloadedTracks, type SeededTrack } from './support/seed';

let app: App;
let tracks: SeededTrack[] = [];

beforeAll(async () => {
  app = await startApp({
    seed: async (core, dir) => {
      tracks = await seedDownloadedTracks(core, dir, 4);
    },
  });
});
afterAll(async () => app?.close());

const counter = (name: string) => app.page.getByRole('region', { name: 'Collection' }).getByRole('listitem', { name, exact: true });

describe('reconcile from the dashboard', () => {
  it('shows the catalog counters', async () => {
    await counter('Songs: 4').waitFor();
    await counter('Downloaded: 4').waitFor();
    await counter('Missing: 0').waitFor();
    await counter('Artists: 3').waitFor();
  });

  it('moves a deleted file from Downloaded to Missing after "Reconcile now"', async () => {
    const { page } = app;
    await rm(tracks[1]!.path!);
    // Nothing changes until the catalog meets the disk.
    await counter('Downloaded: 4').waitFor();

    await page.getByRole('button', { name: 'Reconcile now' }).click();

    await counter('Downloaded: 3').waitFor();
    await counter('Missing: 1').waitFor();
    await counter('Songs: 4').waitFor();
    const result = page.getByRole('status').filter({ hasText: 'now missing' });
    expect(await result.textContent()).toMatch(/Checked 4 files .*1 now missing/);
  });

  it('queues the missing track, visible in the top bar and on the Downloads page', async () => {
    const { page } = app;
    await counter('Queued: 1').waitFor();
    await page.getByRole('link', { name: /^Downloads/ }).click();
    await page.getByRole('tab', { name: /^Queued/ }).click();
    await page
      .getByRole('list', { name: 'Queued downloads' })
      .getByRole('listitem', { name: `${tracks[1]!.title} by ${tracks[1]!.artist}` })
      .waitFor();
  });
  it('runs without console errors (no CSP violations, no React warnings)', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
