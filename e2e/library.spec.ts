// Importing a folder of real audio files from the Library page fills the catalog; a wrong path says why.
import { join } from 'node:path';
import { makeTone } from '../test/support/audio';
import { expect, test } from './support/fixtures';

let folder = '';
test.use({
  cassetteOptions: {
    seed: async (_core, dir) => {
      folder = join(dir, 'Music');
      await Promise.all([
        makeTone(join(folder, 'Ada Okafor', 'Open Weather', '01 Open Weather.mp3'), { seconds: 1, format: 'mp3' }),
        makeTone(join(folder, 'Ada Okafor', 'Open Weather', '02 Slow Avenue.mp3'), { seconds: 1, format: 'mp3' }),
        makeTone(join(folder, 'Glass Harbour', 'Lights', '01 Harbour Lights.flac'), { seconds: 1, format: 'flac' }),
      ]);
    },
  },
});
test.describe.configure({ mode: 'serial' });
test.beforeEach(async ({ app }) => {
  await app.getByRole('link', { name: /^Library/ }).click();
});

test('explains a path that is not a folder', async ({ app }) => {
  await app.getByRole('textbox', { name: 'Music folder' }).fill(join(folder, 'nope'));
  await app.getByRole('button', { name: 'Import' }).click();
  await expect(app.getByRole('alert').filter({ hasText: 'Import failed' })).toContainText('does not exist');
});

test('imports a folder and the counters follow', async ({ app }) => {
  await app.getByRole('textbox', { name: 'Music folder' }).fill(folder);
  await app.getByRole('textbox', { name: 'Music folder' }).press('Enter');
  await expect(app.getByRole('status').filter({ hasText: 'Imported 3 tracks' })).toBeVisible();
  await expect(app.getByText('3 songs by 2 artists')).toBeVisible();

  await app.getByRole('link', { name: /^Dashboard/ }).click();
  const counters = app.getByRole('region', { name: 'Collection' });
  await expect(counters.getByRole('listitem', { name: 'Songs: 3', exact: true })).toBeVisible();
  await expect(counters.getByRole('listitem', { name: 'Downloaded: 3', exact: true })).toBeVisible();
  await expect(counters.getByRole('listitem', { name: 'Missing: 0', exact: true })).toBeVisible();
});
