// Playwright fixtures for Cassette's browser tests.
//   cassette      worker-scoped: one headless host with its own temp data dir, shared by the tests of a spec file.
//                 Configure it per file with `test.use({ cassetteOptions: { seed, core } })` (an object: Playwright
//                 would take a bare function for a fixture of its own).
//   app           test-scoped: Playwright's `page`, opened on `cassette` with its access token.
//   startCassette test-scoped: starts further hosts for one test (a clean catalog each, or other settings);
//                 every host it started is closed after the test.
//   pageErrors    console errors and uncaught exceptions of `page` (CSP violations show up here too).
import { test as base, type Page } from '@playwright/test';
import { collectPageErrors, startCassette, type Cassette, type CassetteOptions } from './app';

export interface CassetteWorkerFixtures {
  cassetteOptions: CassetteOptions;
  cassette: Cassette;
}

export interface CassetteTestFixtures {
  app: Page;
  startCassette: (o?: CassetteOptions) => Promise<Cassette>;
  pageErrors: string[];
}

export const test = base.extend<CassetteTestFixtures, CassetteWorkerFixtures>({
  cassetteOptions: [{}, { scope: 'worker', option: true }],
  cassette: [
    async ({ cassetteOptions }, use) => {
      const cassette = await startCassette(cassetteOptions);
      try {
        await use(cassette);
      } finally {
        await cassette.close();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  pageErrors: async ({ page }, use) => {
    await use(collectPageErrors(page));
  },
  app: async ({ page, cassette, pageErrors: _errors }, use) => {
    await page.goto(cassette.openUrl);
    await use(page);
  },
  startCassette: async ({}, use) => {
    const started: Cassette[] = [];
    try {
      await use(async (o) => {
        const c = await startCassette(o);
        started.push(c);
        return c;
      });
    } finally {
      for (const c of started.reverse()) await c.close();
    }
  },
});

export { expect } from '@playwright/test';
