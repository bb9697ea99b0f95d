// When the host goes away the page says so and offers a retry; when it comes back the page recovers by itself.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startApp, type App } from './support/app';
import { seedDownloadedTracks } from './support/seed';

let app: App;
beforeAll(async () => {
  app = await startApp({ seed: (core, dir) => seedDownloadedTracks(core, dir, 2).then(() => undefined) });
});
afterAll(async () => app?.close());

describe('connection to Cassette', () => {
  it('shows "Can\'t reach Cassette" when the host stops, and recovers when it returns', async () => {
    const { page } = app;
    await page.getByRole('listitem', { name: 'Songs: 2' }).waitFor();
    await app.stopHost();
    const alert = page.getByRole('alert').filter({ hasText: "Can't reach Cassette" });
    await alert.waitFor();

    await app.restartHost();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await alert.waitFor({ state: 'detached' });
    await page.getByRole('listitem', { name: 'Songs: 2' }).waitFor();
  });

  it('explains a refused token instead of retrying forever', async () => {
    const { page } = app;
    const url = new URL(app.host.url);
    await page.evaluate(() => sessionStorage.clear());
    await page.goto('about:blank');
    await page.goto(`${url.origin}/#token=wrong-token`);
    await page.getByRole('alert').filter({ hasText: "didn't accept this page's access token" }).waitFor();
  });
});
