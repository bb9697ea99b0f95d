// Browser tests (e2e/*.spec.ts): the built renderer (out/renderer, `npm run build:renderer`) in Debian's Chromium
// against the headless host and the service emulators. Never downloads a browser. One worker: the machines that
// run this have two cores, and every spec file starts its own host and emulators.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, CONTEXT_DEFAULTS } from './e2e/support/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    ...CONTEXT_DEFAULTS,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
