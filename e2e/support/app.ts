// Starts Cassette for a browser: a fresh data dir, a core (by default one that does not download: runQueue off),
// and the headless host serving the built renderer. `startCassette` is what the Playwright fixtures use;
// `startApp` adds a headless Chromium on the host's token link, for scripts outside the test runner (the
// screenshot tour). Everything is torn down by close().
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, pathsFor, silentLogger, type Core, type CoreConfig } from '../../src/main/core';
import { startHeadlessHost, type HeadlessHost } from '../../src/server/headlessHost';
import { CHROMIUM_ARGS, CHROMIUM_PATH, CONTEXT_DEFAULTS } from './chromium';

export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));
export const E2E_TOKEN = 'e2e-token-0123456789';

/** Fills the catalog/queue before the host starts. `dir` is a scratch folder for music files. */
export type Seed = (core: Core, dir: string) => Promise<void> | void;

export interface CassetteOptions {
  seed?: Seed;
  token?: string;
  /** Extra core settings (e.g. `qobuz` pointing at the emulator, `sources` and `runQueue` for real downloads). */
  core?: Partial<CoreConfig>;
}

export interface Cassette {
  core: Core;
  /** The running host (replaced by restartHost()). */
  readonly host: HeadlessHost;
  /** The link a user opens: the host's URL with the access token in its fragment. */
  readonly openUrl: string;
  /** Scratch folder for test files (inside the temp data dir). */
  dir: string;
  dataDir: string;
  /** Stops the host (pages stay open): for "Cassette went away" states. */
  stopHost(): Promise<void>;
  /** Starts the host again on the same port, as a restarted service would. */
  restartHost(): Promise<void>;
  close(): Promise<void>;
}

export async function startCassette(o: CassetteOptions = {}): Promise<Cassette> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build:renderer` before the browser tests');
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'cassette-e2e-'));
  const dir = join(dataDir, 'files');
  // Qobuz settings come from an empty environment and config dir unless a test points them at the emulator:
  // never the QOBUZ_TOKEN or ~/.config/qoget of whoever runs the tests.
  const isolatedQobuz = { env: { HOME: dataDir, XDG_CONFIG_HOME: join(dataDir, 'config') } };
  const core = createCore({ paths: pathsFor(dataDir), logger: silentLogger }, { host: 'test', runQueue: false, qobuz: isolatedQobuz, ...o.core });
  const token = o.token ?? E2E_TOKEN;
  let current: HeadlessHost | undefined;
  try {
    await o.seed?.(core, dir);
    current = await startHeadlessHost({ core, token, rendererDir: RENDERER_DIR, port: 0 });
  } catch (e) {
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
  const first = current;
  const port = Number(new URL(first.url).port);
  return {
    core,
    dir,
    dataDir,
    get host() {
      if (!current) throw new Error('The host is stopped');
      return current;
    },
    // The link stays valid while the host is stopped (same port and token when it returns).
    openUrl: first.openUrl,
    async stopHost() {
      await current?.close();
      current = undefined;
    },
    async restartHost() {
      current ??= await startHeadlessHost({ core, token, rendererDir: RENDERER_DIR, port });
    },
    async close() {
      await current?.close().catch(() => {});
      current = undefined;
      await core.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface AppOptions extends CassetteOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
}

export interface App extends Cassette {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions in the page (CSP violations show up here too). */
  pageErrors: string[];
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Collects console errors and uncaught exceptions of a page. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    // An album without a cover answers 404 by design (the page shows its placeholder); Chromium logs every 404.
    if (m.type() === 'error' && !(/ 404 /.test(m.text()) && /\/v1\/covers\/album\/\d+/.test(m.location().url))) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** A Cassette and a Chromium page signed in to it (outside the test runner, which brings its own browser). */
export async function startApp(o: AppOptions = {}): Promise<App> {
  const cassette = await startCassette(o);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({
      ...CONTEXT_DEFAULTS,
      ...(o.colorScheme ? { colorScheme: o.colorScheme } : {}),
      ...(o.viewport ? { viewport: o.viewport } : {}),
    });
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    await page.goto(cassette.openUrl);
    const b = browser;
    return {
      core: cassette.core,
      dir: cassette.dir,
      dataDir: cassette.dataDir,
      openUrl: cassette.openUrl,
      get host() {
        return cassette.host;
      },
      stopHost: () => cassette.stopHost(),
      restartHost: () => cassette.restartHost(),
      browser: b,
      context,
      page,
      pageErrors,
      async close() {
        await b.close().catch(() => {});
        await cassette.close();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    await cassette.close();
    throw e;
  }
}
