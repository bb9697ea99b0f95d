// The Downloads page with a big queue: 10,000 rows render (virtualised) and scroll; a row can be cancelled;
// the Failed view explains what went wrong and what was tried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, until, type App } from './support/app';
import { toQueueRows } from '../src/main/core';
import { seedActiveDownload, seedFailedDownload, seedQueuedTracks, type SeededTrack } from './support/seed';

let app: App;
let active: SeededTrack;

beforeAll(async () => {
  app = await startApp({
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
  });
  await app.page.getByRole('link', { name: /^Downloads/ }).click();
});
afterAll(async () => app?.close());

const queuedList = () => app.page.getByRole('list', { name: 'Queued downloads' });

describe('downloads page', () => {
  it('shows the running download with its progress on the Active tab', async () => {
    const row = app.page.getByRole('list', { name: 'Active downloads' }).getByRole('listitem', { name: 'Now Playing by Live Band' });
    await row.waitFor();
    const bar = row.getByRole('progressbar', { name: 'Download progress for Now Playing by Live Band' });
    expect(await bar.getAttribute('aria-valuenow')).toBe('33');
    expect(await row.textContent()).toContain('3.0 MB of 9.0 MB');
  });

  it('merges pushed progress into the row and the counters without reloading the list', async () => {
    const { core, page } = app;
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
      const row = page.getByRole('list', { name: 'Active downloads' }).getByRole('listitem', { name: 'Now Playing by Live Band' });
      await row.getByText('6.0 MB of 9.0 MB').waitFor();
      await row.getByText('peer carol, 2 MB/s').waitFor();

      // Counters arrive the same way: a second track starts downloading.
      const activity = page.getByRole('group', { name: 'Queue activity' });
      expect(await activity.textContent()).toContain('1 downloading');
      core.catalog.setStatus(core.catalog.upsertTrack({ title: 'Track 00001', artist: { name: 'Queued Artist 1' } }), 'downloading');
      core.events.catalogChanged();
      await until(async () => activity.textContent(), (t) => Boolean(t?.includes('2 downloading')), 'the top bar to count 2 downloading');
      expect(methods.filter((m) => m === 'queue.list')).toEqual([]);
    } finally {
      core.dispatch = dispatch;
    }
  });

  it('renders 10,000 queued rows virtualised and scrolls to the last one', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: /^Queued/ }).click();
    await page.getByRole('tab', { name: 'Queued 10,000' }).waitFor();
    const list = queuedList();
    await list.getByRole('listitem', { name: 'Track 00001 by Queued Artist 1' }).waitFor();

    const rendered = await list.getByRole('listitem').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(80);
    expect(await list.getByRole('listitem').first().getAttribute('aria-setsize')).toBe('10000');

    await page.getByRole('tabpanel', { name: /^Queued/ }).evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const last = list.getByRole('listitem', { name: 'Track 10000 by Queued Artist 50' });
    await last.waitFor();
    expect(await last.getAttribute('aria-posinset')).toBe('10000');
    expect(await list.getByRole('listitem').count()).toBeLessThan(80);

    // Halfway down, a page that was never loaded comes in.
    await page.getByRole('tabpanel', { name: /^Queued/ }).evaluate((el) => {
      el.scrollTop = el.scrollHeight / 2;
    });
    await list.getByRole('listitem', { name: /^Track 0(49|50|51)\d\d by/ }).first().waitFor();
  });

  it('cancels a queued row: it leaves Queued and shows up as cancelled under Finished', async () => {
    const { page } = app;
    await page.getByRole('tabpanel', { name: /^Queued/ }).evaluate((el) => {
      el.scrollTop = 0;
    });
    const list = queuedList();
    const name = 'Track 00002 by Queued Artist 2';
    await list.getByRole('listitem', { name }).waitFor();
    await page.getByRole('button', { name: `Cancel ${name}` }).click();

    await list.getByRole('listitem', { name }).waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Queued 9,999' }).waitFor();
    await list.getByRole('listitem', { name: 'Track 00003 by Queued Artist 3' }).waitFor();

    await page.getByRole('tab', { name: /^Finished/ }).click();
    const row = page.getByRole('list', { name: 'Finished downloads' }).getByRole('listitem', { name });
    await row.waitFor();
    expect(await row.textContent()).toContain('Cancelled');
    expect(app.core.queue.stats().cancelled).toBe(1);
  });

  it('changes the priority of a queued row', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: /^Queued/ }).click();
    const name = 'Track 00004 by Queued Artist 4';
    const select = page.getByRole('combobox', { name: `Priority for ${name}` });
    await select.selectOption({ label: 'Urgent' });
    // Urgent requests move to the front of the line.
    await until(
      async () => queuedList().getByRole('listitem').first().getAttribute('aria-label'),
      (v) => v === name,
      'the urgent row to move to the top',
    );
  });

  it('shows the error and the candidates tried in the Failed view', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Failed 1' }).click();
    const name = 'Lost Recording by The Missing';
    const row = page.getByRole('list', { name: 'Failed downloads' }).getByRole('listitem', { name });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toMatch(/Not found/);
    expect(text).toContain('No peer shares this track in an accepted format');

    const toggle = row.getByRole('button', { name: `Details for ${name}` });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await row.getByText('Candidates tried (2)').waitFor();
    await row.getByText('bob: Share/lost_recording.flac (corrupt)').waitFor();
  });

  it('filters by search text', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: /^Queued/ }).click();
    await page.getByRole('searchbox', { name: 'Search downloads' }).fill('Track 0999');
    await page.getByRole('tab', { name: 'Queued 10' }).waitFor();
    expect(await queuedList().getByRole('listitem').count()).toBe(10);
    await page.getByRole('searchbox', { name: 'Search downloads' }).fill('');
  });
  it('runs without console errors (no CSP violations, no React warnings)', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
