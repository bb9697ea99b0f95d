// Importing a folder of real audio files from the Library page fills the catalog; a wrong path says why.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTone } from '../test/support/audio';
import { startApp, type App } from './support/app';

let app: App;
let folder: string;

beforeAll(async () => {
  app = await startApp({
    seed: async (_core, dir) => {
      folder = join(dir, 'Music');
      await Promise.all([
        makeTone(join(folder, 'Ada Okafor', 'Open Weather', '01 Open Weather.mp3'), { seconds: 1, format: 'mp3' }),
        makeTone(join(folder, 'Ada Okafor', 'Open Weather', '02 Slow Avenue.mp3'), { seconds: 1, format: 'mp3' }),
        makeTone(join(folder, 'Glass Harbour', 'Lights', '01 Harbour Lights.flac'), { seconds: 1, format: 'flac' }),
      ]);
    },
  });
  await app.page.getByRole('link', { name: /^Library/ }).click();
});
afterAll(async () => app?.close());

describe('library page', () => {
  it('explains a path that is not a folder', async () => {
    const { page } = app;
    await page.getByRole('textbox', { name: 'Music folder' }).fill(join(folder, 'nope'));
    await page.getByRole('button', { name: 'Import' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Import failed' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/nope does not exist/);
  });

  it('imports a folder and the counters follow', async () => {
    const { page } = app;
    await page.getByRole('textbox', { name: 'Music folder' }).fill(folder);
    await page.getByRole('textbox', { name: 'Music folder' }).press('Enter');
    await page.getByRole('status').filter({ hasText: 'Imported 3 tracks' }).waitFor();
    await page.getByText('3 songs by 2 artists').waitFor();

    await page.getByRole('link', { name: /^Dashboard/ }).click();
    const counters = page.getByRole('region', { name: 'Collection' });
    await counters.getByRole('listitem', { name: 'Songs: 3', exact: true }).waitFor();
    await counters.getByRole('listitem', { name: 'Downloaded: 3', exact: true }).waitFor();
    await counters.getByRole('listitem', { name: 'Missing: 0', exact: true }).waitFor();
  });
});
