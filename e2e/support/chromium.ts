// Debian's Chromium, never a downloaded browser build: Playwright's runner (playwright.config.ts) and the
// screenshot tour (e2e/screenshots.ts) launch the same binary with the same flags.
export const CHROMIUM_PATH = process.env.CASSETTE_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run',
  '--disable-component-update', '--disable-sync',
];

/** The browser context every test and screenshot uses unless it says otherwise. */
export const CONTEXT_DEFAULTS = {
  colorScheme: 'light',
  viewport: { width: 1280, height: 860 },
  reducedMotion: 'reduce',
} as const;
