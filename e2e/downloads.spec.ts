// The Downloads page with a big queue: 10,000 rows render (virtualised) and scroll; a row can be cancelled or
// reprioritised; the Failed view explains what went wrong and what was tried. The processor is off: the rows
// stay where the seed put them.
import type { Page } from '@playwright/test';
import { toQueueRows } from '../src/main/core';
import { expect, test } from './support/fixtures';
import { seedActiveDownload, seedFailedDownload, seedQueuedTracks, type SeededTrack } from './support/seed';

let active: SeededTrack;
test.use({
  cassetteOptions: {
    seed: (core) => {
      seedFailedDownload(core, {
        title: 'Lost Recording',
        artist: 'The Missing',
        message: 'No peer shares this track in an accepted format',
        tried: ['alice: Music/The Missing/Lost Recording.mp3 (128 kbps)', 'bob: Share/lost_recording.flac (corrupt)'],
      });
      active = seedActiveDownload(core, { title: 'Now Playing', artist: 'Live Band', bytes: 3_000_000, total: 9_000_000, detail: 'peer carol' });
      seedQueuedTracks(core, 10_000);
    },
  },
});
// One queue for the whole file: later steps see what earlier ones changed (a cancelled row, new progress).
test.describe.configure({ mode: 'serial' });
test.beforeEach(async ({ app }) => {
  await app.getByRole('link', { name: /^Downloads/ }).click();
});
test.afterEach(({ pageErrors }) => {
  // No CSP violations, no React warnings.
  expect(pageErrors).toEqual([]);
});

const queuedList = (page: Page) => page.getByRole('list', { name: 'Queued downloads' });
const activeRow = (page: Page) => page.getByRole('list', { name: 'Active downloads' }).getByRole('listitem', { name: 'Now Playing by Live Band' });
const openQueued = async (page: Page) => {
  await page.getByRole('tab', { name: /^Queued/ }).click();
  await expect(page.getByRole('tab', { name: /^Queued/, selected: true })).toBeVisible();
};

test('shows the running download with its progress on the Active tab', async ({ app }) => {
  const row = activeRow(app);
  await expect(row.getByRole('progressbar', { name: 'Download progress for Now Playing by Live Band' })).toHaveAttribute('aria-valuenow', '33');
  await expect(row).toContainText('3.0 MB of 9.0 MB');
});

test('merges pushed progress into the row and the counters without reloading the list', async ({ app, cassette }) => {
  const { core } = cassette;
  await expect(activeRow(app)).toContainText('3.0 MB of 9.0 MB');
  const methods: string[] = [];
  const dispatch = core.dispatch;
  core.dispatch = (method, input, caller) => {
    methods.push(method);
    return dispatch(method, input, caller);
  };
  try {
    const item = core.queue.activeForTrack(active.id)!;
    core.queue.heartbeat(item.id, { bytesDownloaded: 6_000_000, detail: 'peer carol, 2 MB/s' });
    core.events.rowChanged(toQueueRows(core.db, [core.queue.get(item.id)!], Date.now())[0]!);
    await expect(activeRow(app)).toContainText('6.0 MB of 9.0 MB');
    await expect(activeRow(app)).toContainText('peer carol, 2 MB/s');

    // Counters arrive the same way: a second track starts downloading (claimed by this live process).
    const activity = app.getByRole('group', { name: 'Queue activity' });
    await expect(activity).toContainText('1 downloading');
    const extra = core.catalog.upsertTrack({ title: 'Urgent Extra', artist: { name: 'Queued Artist 1' } });
    core.queue.enqueueTrack({ trackId: extra, source: 'slskd', priority: 1 });
    expect(core.queue.claimNext()?.track_id).toBe(extra);
    core.events.catalogChanged();
    await expect(activity).toContainText('2 downloading');
    expect(methods.filter((m) => m === 'queue.list')).toEqual([]);
  } finally {
    core.dispatch = dispatch;
  }
});

test('renders 10,000 queued rows virtualised and scrolls to the last one', async ({ app }) => {
  await openQueued(app);
  await expect(app.getByRole('tab', { name: 'Queued 10,000' })).toBeVisible();
  const list = queuedList(app);
  const rows = list.getByRole('listitem');
  await expect(list.getByRole('listitem', { name: 'Track 00001 by Queued Artist 1' })).toBeVisible();
  await expect(rows.first()).toHaveAttribute('aria-setsize', '10000');
  // Virtualised: a screenful of rows is in the page, not 10,000.
  expect(await rows.count()).toBeGreaterThan(5);
  expect(await rows.count()).toBeLessThan(80);

  const panel = app.getByRole('tabpanel', { name: /^Queued/ });
  await panel.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  const last = list.getByRole('listitem', { name: 'Track 10000 by Queued Artist 50' });
  await expect(last).toHaveAttribute('aria-posinset', '10000');
  expect(await rows.count()).toBeLessThan(80);

  // Halfway down, a page that was never loaded comes in.
  await panel.evaluate((el) => {
    el.scrollTop = el.scrollHeight / 2;
  });
  await expect(list.getByRole('listitem', { name: /^Track 0(49|50|51)\d\d by/ }).first()).toBeVisible();
});

test('cancels a queued row: it leaves Queued and shows up as cancelled under Finished', async ({ app, cassette }) => {
  await openQueued(app);
  const list = queuedList(app);
  const name = 'Track 00002 by Queued Artist 2';
  await expect(list.getByRole('listitem', { name })).toBeVisible();
  await app.getByRole('button', { name: `Cancel ${name}` }).click();

  await expect(list.getByRole('listitem', { name })).toHaveCount(0);
  await expect(app.getByRole('tab', { name: 'Queued 9,999' })).toBeVisible();
  await expect(list.getByRole('listitem', { name: 'Track 00003 by Queued Artist 3' })).toBeVisible();

  await app.getByRole('tab', { name: /^Finished/ }).click();
  await expect(app.getByRole('list', { name: 'Finished downloads' }).getByRole('listitem', { name })).toContainText('Cancelled');
  expect(cassette.core.queue.stats().cancelled).toBe(1);
});

test('changes the priority of a queued row', async ({ app }) => {
  await openQueued(app);
  const name = 'Track 00004 by Queued Artist 4';
  await expect(queuedList(app).getByRole('listitem').first()).not.toHaveAttribute('aria-label', name);
  await app.getByRole('combobox', { name: `Priority for ${name}` }).selectOption({ label: 'Urgent' });
  // Urgent requests move to the front of the line.
  await expect(queuedList(app).getByRole('listitem').first()).toHaveAttribute('aria-label', name);
});

test('shows the error and the candidates tried in the Failed view', async ({ app }) => {
  await app.getByRole('tab', { name: 'Failed 1' }).click();
  const name = 'Lost Recording by The Missing';
  const row = app.getByRole('list', { name: 'Failed downloads' }).getByRole('listitem', { name });
  await expect(row).toContainText(/Not found/);
  await expect(row).toContainText('No peer shares this track in an accepted format');

  const toggle = row.getByRole('button', { name: `Details for ${name}` });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(row.getByText('Candidates tried (2)')).toBeVisible();
  await expect(row.getByText('bob: Share/lost_recording.flac (corrupt)')).toBeVisible();
});

test('filters by search text', async ({ app }) => {
  await openQueued(app);
  await app.getByRole('searchbox', { name: 'Search downloads' }).fill('Track 0999');
  await expect(app.getByRole('tab', { name: 'Queued 10' })).toBeVisible();
  await expect(queuedList(app).getByRole('listitem')).toHaveCount(10);
});
