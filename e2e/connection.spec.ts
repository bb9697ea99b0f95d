// When the host goes away the page says so and offers a retry; when it comes back the page recovers by itself.
// A refused token is explained instead of retried forever.
import { expect, test } from './support/fixtures';
import { seedDownloadedTracks } from './support/seed';

test('shows "Can\'t reach Cassette" when the host stops, and recovers when it returns', async ({ page, startCassette }) => {
  // A host of its own: this test stops it.
  const cassette = await startCassette({ seed: (core, dir) => seedDownloadedTracks(core, dir, 2).then(() => undefined) });
  await page.goto(cassette.openUrl);
  await expect(page.getByRole('listitem', { name: 'Songs: 2' })).toBeVisible();

  await cassette.stopHost();
  const alert = page.getByRole('alert').filter({ hasText: "Can't reach Cassette" });
  await expect(alert).toBeVisible();

  await cassette.restartHost();
  await alert.getByRole('button', { name: 'Retry' }).click();
  // Reconnecting is a new socket and a fresh load of every query: give a busy machine the time it needs.
  await expect(alert).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('listitem', { name: 'Songs: 2' })).toBeVisible();
});

test('explains a refused token instead of retrying forever', async ({ page, cassette }) => {
  await page.goto(`${new URL(cassette.host.url).origin}/#token=wrong-token`);
  await expect(page.getByRole('alert').filter({ hasText: "didn't accept this page's access token" })).toBeVisible();
});
