// The Qobuz commands — `sync <dir>`, `login`, `logout` — added to a commander program. `qoget` puts them at its
// top level, `cassette qobuz` under a subcommand: both run exactly this code, on the Cassette catalog
// ($CASSETTE_DATA_DIR or the platform default). Credentials never come from the command line.
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { createCore, defaultDataDir, HEADLESS_SECRETS_FILE, pathsFor, type Core, type Logger } from '../../main/core';
import { checkFolder, closeTagWorker } from '../../main/library';
import { describeReason, type SyncPreview, type SyncSummary } from '../../main/flows/qobuzSync';
import { AppError } from '../../shared/result';
import { EXIT } from '../output';
import { openBrowser } from './openBrowser';
import { createSyncProgress, outputMode } from './syncProgress';

/** Conventional exit code after SIGINT (128 + 2). */
const EXIT_INTERRUPTED = 130;

interface SyncOptions {
  dryRun?: boolean;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export function addQobuzCommands(program: Command, loginHint: string): Command {
  program
    .command('sync')
    .description('Download every album and track you bought on Qobuz into <dir> as tagged MP3 320, skipping what is already there')
    .argument('<dir>', 'the folder for your purchases (created if absent)')
    .option('--dry-run', 'list what would be downloaded, and where, without downloading')
    .option('--json', 'machine-readable output: one JSON event per line, then a summary object')
    .option('-q, --quiet', 'print only failures and the final line')
    .option('-v, --verbose', 'also list skipped tracks and each download as it starts')
    .addHelpText(
      'after',
      `\nCredentials (never as arguments): QOBUZ_TOKEN, or \`${loginHint}\`, or config.toml at $XDG_CONFIG_HOME/qoget/ ` +
        '(token, app_id, app_secret, username, password, api_base, web_base, requests_per_second).\n' +
        'Environment: QOBUZ_TOKEN, QOBUZ_APP_ID, QOBUZ_APP_SECRET, QOBUZ_USERNAME, QOBUZ_PASSWORD, QOBUZ_API_BASE, QOBUZ_WEB_BASE.\n' +
        'Exit codes: 0 all done, 1 error, 2 bad input, 3 sign-in problem, 4 some tracks failed, 130 interrupted.',
    )
    .action(async (dir: string, opts: SyncOptions) => {
      process.exitCode = await (opts.dryRun ? dryRun(dir, opts) : sync(dir, opts));
      await finish();
    });

  program
    .command('login')
    .description('Sign in to Qobuz in your browser; the token is stored for later syncs')
    .option('--no-browser', 'only print the sign-in URL')
    .option('--timeout <seconds>', 'give up after this long', (v) => Number.parseInt(v, 10), 300)
    .action(async (opts: { browser: boolean; timeout: number }) => {
      process.exitCode = await login(opts);
      await finish();
    });

  program
    .command('logout')
    .description('Forget the Qobuz token stored by login')
    .action(async () => {
      const core = openSyncCore(cliLogger(false));
      try {
        await core.qobuz.signOut();
        process.stdout.write('The stored Qobuz token is removed.\n');
      } finally {
        await core.close();
      }
      await finish();
    });
  return program;
}

function cliLogger(verbose: boolean): Logger {
  return {
    info: (m) => {
      if (verbose) process.stderr.write(`${m}\n`);
    },
    warn: (m) => process.stderr.write(`warning: ${m}\n`),
    error: (m) => process.stderr.write(`error: ${m}\n`),
  };
}

function openSyncCore(logger: Logger): Core {
  return createCore(
    { paths: pathsFor(defaultDataDir()), logger },
    // Downloads left in progress by a killed run go back to the queue and are resumed by this one.
    { host: 'headless', runQueue: false, reconcileOnStart: false, recoverOnStart: true },
  );
}

/** First Ctrl-C / SIGTERM stops cleanly; a second one quits at once. */
function interruptOnSignals(controller: AbortController, err: NodeJS.WritableStream): () => void {
  let count = 0;
  const onSignal = () => {
    count++;
    if (count === 1) {
      err.write('\nStopping… (the downloads not finished stay queued; press Ctrl-C again to quit at once)\n');
      controller.abort();
    } else {
      process.exit(EXIT_INTERRUPTED);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** The folder named on the command line, checked before the catalog is opened or anything is created. */
function checkedDir(dir: string): Promise<string> {
  return checkFolder(resolve(dir), { access: 'write', label: 'The sync folder' }).then((f) => f.path);
}

async function sync(dir: string, opts: SyncOptions): Promise<number> {
  let folder: string;
  try {
    folder = await checkedDir(dir);
  } catch (e) {
    return reportError(e, opts.json);
  }
  const progress = createSyncProgress({ mode: outputMode(opts), verbose: opts.verbose });
  const core = openSyncCore(cliLogger(opts.verbose ?? false));
  const controller = new AbortController();
  const release = interruptOnSignals(controller, process.stderr);
  try {
    const summary = await core.qobuz.sync({
      folder, verbose: opts.verbose, signal: controller.signal, onAbort: 'leave_queued', onEvent: (e) => progress.onEvent(e),
    });
    progress.finish(summary);
    return exitCodeFor(summary);
  } catch (e) {
    progress.stop();
    return reportError(e, opts.json);
  } finally {
    release();
    await core.close();
  }
}

export function exitCodeFor(s: SyncSummary): number {
  if (s.stopped === 'interrupted') return EXIT_INTERRUPTED;
  if (s.stopped === 'disk_full') return EXIT.failure;
  return s.failed.length ? EXIT.partial : EXIT.ok;
}

async function dryRun(dir: string, opts: SyncOptions): Promise<number> {
  let folder: string;
  try {
    folder = await checkedDir(dir);
  } catch (e) {
    return reportError(e, opts.json);
  }
  const core = openSyncCore(cliLogger(opts.verbose ?? false));
  try {
    const p = await core.qobuz.preview({ folder });
    if (opts.json) {
      const planned = p.planned.map((t) => ({ trackId: t.trackId, albumId: t.albumId, path: t.path, reason: t.reason }));
      process.stdout.write(`${JSON.stringify({ planned, skipped: p.skipped })}\n`);
    } else {
      process.stdout.write(previewText(p, opts));
    }
    return EXIT.ok;
  } catch (e) {
    return reportError(e, opts.json);
  } finally {
    await core.close();
  }
}

function previewText(p: SyncPreview, opts: SyncOptions): string {
  const lines: string[] = [];
  if (!opts.quiet) {
    for (const t of p.planned) lines.push(`would download ${t.path} (${describeReason(t.reason)})`);
    if (opts.verbose) for (const r of p.recognised) lines.push(`would recognise ${r.path}`);
  }
  if (!p.planned.length && !p.recognised.length) lines.push(`Qobuz purchases in ${p.root}: up to date (${p.total} tracks, nothing to download).`);
  else
    lines.push(
      `Dry run: ${p.planned.length} of ${p.total} tracks would be downloaded into ${p.root}; ${p.skipped} already there` +
        `${p.recognised.length ? ` (${p.recognised.length} recognised)` : ''}. Nothing was downloaded.`,
    );
  return `${lines.join('\n')}\n`;
}

async function login(opts: { browser: boolean; timeout: number }): Promise<number> {
  const core = openSyncCore(cliLogger(false));
  const controller = new AbortController();
  const release = interruptOnSignals(controller, process.stderr);
  try {
    const r = await core.qobuz.loginWithBrowser({
      signal: controller.signal,
      timeoutMs: Math.max(1, opts.timeout) * 1000,
      openBrowser: (url) => {
        process.stderr.write(`Sign in to Qobuz in your browser${opts.browser ? ' (opening it now)' : ''}:\n  ${url}\n`);
        if (opts.browser) openBrowser(url);
      },
    });
    process.stdout.write(`Signed in to Qobuz as ${r.user}. The token is stored in ${join(core.paths.dataDir, HEADLESS_SECRETS_FILE)}.\n`);
    if (r.overriddenBy) process.stdout.write(`Note: ${r.overriddenBy} is set and is used instead while it is set.\n`);
    return EXIT.ok;
  } catch (e) {
    return reportError(e, false);
  } finally {
    release();
    await core.close();
  }
}

function reportError(e: unknown, json: boolean | undefined): number {
  const code = e instanceof AppError ? e.code : 'internal';
  const message = e instanceof Error ? e.message : String(e);
  if (json) process.stdout.write(`${JSON.stringify({ event: 'error', code, message })}\n`);
  process.stderr.write(`error: ${message}\n`);
  if (code === 'auth_required' || code === 'auth_expired') return EXIT.auth;
  if (code === 'invalid_input') return EXIT.usage;
  return EXIT.failure;
}

/** Lets output drain and background handles (tag worker, keep-alive sockets) go, then exits. */
async function finish(): Promise<never> {
  await closeTagWorker();
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  process.exit(process.exitCode ?? 0);
}

