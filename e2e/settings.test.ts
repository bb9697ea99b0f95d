// Settings in a browser: a connection test against the slskd emulator (a refused key, then success), a saved
// change that takes effect without a restart, and the waiting-queue message that links here.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCatalog, startDemoWorld, type DemoWorld } from '../test/emulators/demoWorld';
import { startApp, type App } from './support/app';

let app: App;
let world: DemoWorld;

beforeAll(async () => {
  app = await startApp({
    core: { env: {}, defaultSource: 'slskd' },
    seed: async (core, dir) => {
      world = await startDemoWorld(join(dir, 'world'), { seconds: 2 });
      seedDemoCatalog(core.catalog, 2);
      core.reconcile();
    },
  });
});
afterAll(async () => {
  await app?.close();
  await world?.close();
});

describe('settings', () => {
  it('says in the top bar and on each row why the queue waits, and links to the section', async () => {
    const { page } = app;
    const notice = page.getByRole('link', { name: /8 waiting: Soulseek \(slskd\) is not set up/ });
    await notice.waitFor();
    await page.getByRole('link', { name: /^Downloads/ }).click();
    await page.getByRole('tab', { name: /^Queued/ }).click();
    await page.getByText('Waits for Soulseek (slskd), which is not set up: open Settings to connect it.').first().waitFor();
    await notice.click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(page.url()).toMatch(/#\/settings\/slskd$/);
  });

  it('tests the connection with what is typed: a refused key, then success', async () => {
    const { page } = app;
    const section = page.getByRole('region', { name: 'Soulseek (slskd)' });
    await section.getByRole('textbox', { name: 'slskd address' }).fill(world.slskd.url);
    await section.getByLabel('API key').fill('not-the-key');
    await section.getByRole('textbox', { name: 'Downloads folder' }).fill(String(world.slskdConfig.downloadsDir));
    await section.getByRole('button', { name: 'Test connection' }).click();
    await section.getByRole('status').filter({ hasText: 'Key refused' }).waitFor();
    await section.getByLabel('API key').fill(world.slskdConfig.apiKey);
    await section.getByRole('button', { name: 'Test connection' }).click();
    await section.getByRole('status').filter({ hasText: /Connected.*slskd 0\.22\.5/ }).waitFor();
  });

  it('saves, and the queue stops waiting without a restart', async () => {
    const { page, core } = app;
    const section = page.getByRole('region', { name: 'Soulseek (slskd)' });
    await section.getByRole('button', { name: 'Save' }).click();
    await section.getByText('Saved. In use now.').waitFor();
    await page.waitForFunction(() => !document.querySelector('.waiting-notice'));
    const rows = await core.handlers['queue.list']({ view: 'queued', limit: 50, offset: 0 });
    expect(rows.items.filter((r) => r.waiting?.reason === 'not_configured')).toEqual([]);
    const text = await section.getByLabel('API key').getAttribute('placeholder');
    expect(text).toBe('Saved — type to replace');
  });
});
