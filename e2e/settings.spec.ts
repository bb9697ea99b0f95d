// Settings in a browser: a connection test against the slskd emulator (a refused key, then success), a saved
// change that takes effect without a restart, and the waiting-queue message that links here.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { seedDemoCatalog, startDemoWorld, type DemoWorld } from '../test/emulators/demoWorld';
import { expect, test as cassetteTest } from './support/fixtures';

// The slskd (and ticket-service) emulators, one set for the file like its host.
const test = cassetteTest.extend<object, { world: DemoWorld }>({
  world: [
    async ({}, use) => {
      const root = await mkdtemp(join(tmpdir(), 'cassette-e2e-world-'));
      const world = await startDemoWorld(root, { seconds: 2 });
      try {
        await use(world);
      } finally {
        await world.close();
        await rm(root, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});
test.use({
  cassetteOptions: {
    core: { env: {}, defaultSource: 'slskd' },
    seed: (core) => {
      seedDemoCatalog(core.catalog, 2);
      core.reconcile();
    },
  },
});
// One host for the file: the last step saves the settings the others only type and test.
test.describe.configure({ mode: 'serial' });

const waitingNotice = (page: Page) => page.getByRole('link', { name: /8 waiting: Soulseek \(slskd\) is not set up/ });
const slskdSection = (page: Page) => page.getByRole('region', { name: 'Soulseek (slskd)' });
const openSlskdSettings = async (page: Page) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(slskdSection(page)).toBeVisible();
  return slskdSection(page);
};
const fillSlskd = async (section: Locator, world: DemoWorld, apiKey: string) => {
  await section.getByRole('textbox', { name: 'slskd address' }).fill(world.slskd.url);
  await section.getByLabel('API key').fill(apiKey);
  await section.getByRole('textbox', { name: 'Downloads folder' }).fill(String(world.slskdConfig.downloadsDir));
};

test('says in the top bar and on each row why the queue waits, and links to the section', async ({ app }) => {
  const notice = waitingNotice(app);
  await expect(notice).toBeVisible();
  await app.getByRole('link', { name: /^Downloads/ }).click();
  await app.getByRole('tab', { name: /^Queued/ }).click();
  await expect(app.getByText('Waits for Soulseek (slskd), which is not set up: open Settings to connect it.').first()).toBeVisible();
  await notice.click();
  await expect(app.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(app).toHaveURL(/#\/settings\/slskd$/);
});

test('tests the connection with what is typed: a refused key, then success', async ({ app, world }) => {
  const section = await openSlskdSettings(app);
  await fillSlskd(section, world, 'not-the-key');
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Key refused' })).toBeVisible();
  await section.getByLabel('API key').fill(world.slskdConfig.apiKey);
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByRole('status').filter({ hasText: /Connected.*slskd 0\.22\.5/ })).toBeVisible();
});

test('saves, and the queue stops waiting without a restart', async ({ app, cassette, world }) => {
  const { core } = cassette;
  // Testing saved nothing: the queue still waits.
  await expect(waitingNotice(app)).toBeVisible();
  const section = await openSlskdSettings(app);
  await fillSlskd(section, world, world.slskdConfig.apiKey);
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByText('Saved. In use now.')).toBeVisible();
  await expect(app.getByRole('link', { name: /^\d+ waiting: / })).toHaveCount(0);
  await expect
    .poll(async () => {
      const rows = await core.handlers['queue.list']({ view: 'queued', limit: 50, offset: 0 });
      return rows.items.filter((r) => r.waiting?.reason === 'not_configured');
    })
    .toEqual([]);
  await expect(section.getByLabel('API key')).toHaveAttribute('placeholder', 'Saved — type to replace');
});

test('chooses the download quality: saved to cassette.toml and used by the next search', async ({ app, cassette }) => {
  const section = await openSlskdSettings(app);
  const quality = section.getByRole('combobox', { name: 'Download quality' });
  await expect(quality).toHaveValue('mp3-192');
  await quality.selectOption({ label: 'Prefer FLAC, accept MP3 320' });
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByText('Saved. In use now.')).toBeVisible();
  await expect.poll(async () => (await cassette.core.handlers['settings.get'](undefined)).slskd.minQuality).toBe('mp3-320');
  await app.reload();
  await expect((await openSlskdSettings(app)).getByRole('combobox', { name: 'Download quality' })).toHaveValue('mp3-320');
});
