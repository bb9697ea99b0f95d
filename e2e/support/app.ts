// Starts Cassette for a browser test: a fresh data dir, a core that does not download (runQueue off), the headless
// host serving the built renderer, and headless Chromium on the host's token link. Everything is torn down by close().
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, pathsFor, silentLogger, type Core, type CoreConfig } from '../../src/main/core';
import { startHeadlessHost, type HeadlessHost } from '../../src/server/headlessHost';

export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));
export const CHROMIUM_PATH = process.env.CASSETTE_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export interface AppOptions {
  /** Fills the catalog/queue before the page opens. `dir` is a scratch folder for music files. */
  seed?: (core: Core, dir: string) => Promise<void> | void;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  token?: string;
  /** Extra core settings (e.g. `qobuz` pointing at the emulator). */
  core?: Partial<CoreConfig>;
}

export interface App {
  core: Core;
  host: HeadlessHost;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Scratch folder for test files (inside the temp data dir). */
  dir: string;
  /** Console errors and uncaught exceptions in the page (CSP violations show up here too). */
  pageErrors: string[];
  /** Stops the host (the page stays open): for "Cassette went away" states. */
  stopHost(): Promise<void>;
  /** Starts the host again on the same port, as a restarted service would. */
  restartHost(): Promise<void>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export async function startApp(o: AppOptions = {}): Promise<App> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build:renderer` before the e2e tests');
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'cassette-e2e-'));
  const dir = join(dataDir, 'files');
  // Qobuz settings come from an empty environment and config dir unless a test points them at the emulator:
  // never the QOBUZ_TOKEN or ~/.config/qoget of whoever runs the tests.
  const isolatedQobuz = { env: { HOME: dataDir, XDG_CONFIG_HOME: join(dataDir, 'config') } };
  const core = createCore({ paths: pathsFor(dataDir), logger: silentLogger }, { host: 'test', runQueue: false, qobuz: isolatedQobuz, ...o.core });
  const token = o.token ?? 'e2e-token-0123456789';
  let host: HeadlessHost | undefined;
  let browser: Browser | undefined;
  try {
    await o.seed?.(core, dir);
    host = await startHeadlessHost({ core, token, rendererDir: RENDERER_DIR, port: 0 });
    const port = Number(new URL(host.url).port);
    browser = await launchChromium();
    const context = await browser.newContext({
      colorScheme: o.colorScheme ?? 'light',
      viewport: o.viewport ?? { width: 1280, height: 860 },
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(host.openUrl);
    let current: HeadlessHost | undefined = host;
    const b = browser;
    return {
      core,
      get host() {
        return current!;
      },
      browser: b,
      context,
      page,
      dir,
      pageErrors,
      async stopHost() {
        await current?.close();
        current = undefined;
      },
      async restartHost() {
        current = await startHeadlessHost({ core, token, rendererDir: RENDERER_DIR, port });
      },
      async close() {
        await b.close().catch(() => {});
        await current?.close().catch(() => {});
        await core.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    await host?.close().catch(() => {});
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
}

/** Waits until `check` passes (Playwright's `expect.poll` without @playwright/test). */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}
