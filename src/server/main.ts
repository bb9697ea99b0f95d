// `npm run serve`: the headless host. 127.0.0.1 by default with a fresh random token; --host/--port to change.
// Start-up problems (a damaged or newer catalog, a port in use) are one line on stderr and a non-zero exit.
import { Command, InvalidArgumentError } from 'commander';
import { randomBytes } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, defaultDataDir, pathsFor, consoleLogger, fileSecretStore, logNotifier, HEADLESS_SECRETS_FILE, type Core } from '../main/core';
import { startHeadlessHost, type HeadlessHost } from './headlessHost';
import { AppError } from '../shared/result';
import { isLoopbackHost } from './rpcOrigin';
import { buildSources, loadHostSettings } from '../main/config';

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

function parsePort(v: string): number {
  if (!/^(?:0|[1-9][0-9]{0,4})$/.test(v) || Number(v) > 65535) throw new InvalidArgumentError('a port is a number from 0 to 65535.');
  return Number(v);
}

const program = new Command()
  .name('cassette-serve')
  .description('Run Cassette without a window: open the printed URL in a browser.')
  .option('--host <host>', 'interface to bind (use 0.0.0.0 to share on your network)', '127.0.0.1')
  .option('--port <port>', 'port (0 = any free port)', parsePort, 5175)
  .parse(process.argv);

const opts = program.opts<{ host: string; port: number }>();
const here = dirname(fileURLToPath(import.meta.url));
const paths = pathsFor(defaultDataDir());
// The token comes from the environment when a script needs a stable one; never from argv.
const token = process.env.CASSETTE_TOKEN || randomBytes(18).toString('base64url');

function die(e: unknown, code: number): never {
  // AppErrors carry a message written for the user; anything else is described by what was being done.
  const message = e instanceof AppError ? e.message : describeStartError(e);
  process.stderr.write(`error: ${message}\n`);
  process.exit(code);
}

function describeStartError(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return `Port ${opts.port} on ${opts.host} is in use: stop the other program or pick another with --port.`;
  if (code === 'EADDRNOTAVAIL') return `${opts.host} is not an address of this machine: check --host.`;
  if (code === 'EACCES') return `Not allowed to listen on ${opts.host}:${opts.port}: use a port above 1024.`;
  return `Cassette could not start: ${e instanceof Error ? e.message : String(e)}`;
}

// The same store the core writes Settings' secrets to, so a key saved in Settings is there after a restart.
const secrets = fileSecretStore(join(paths.dataDir, HEADLESS_SECRETS_FILE), consoleLogger);
const settings = await loadHostSettings(paths, process.env, secrets).catch((e: unknown) => die(e, EXIT_USAGE));
for (const n of settings.notes) consoleLogger.warn(n);

let core: Core;
try {
  core = createCore(
    // No desktop to notify: a playlist run's end is a log line (the page shows its progress itself).
    { paths, logger: consoleLogger, secrets, notifier: logNotifier(consoleLogger) },
    { host: 'headless', runQueue: true, reconcileOnStart: false, sources: buildSources(settings), defaultSource: settings.defaultSource, libraryDir: settings.libraryDir, concurrency: settings.concurrency },
  );
} catch (e) {
  die(e, EXIT_FAILURE);
}

let host: HeadlessHost;
try {
  host = await startHeadlessHost({
    core, token, host: opts.host, port: opts.port, rendererDir: join(here, '..', '..', 'out', 'renderer'), logger: consoleLogger,
  });
} catch (e) {
  await core.close().catch(() => undefined);
  die(e, EXIT_FAILURE);
}
if (!isLoopbackHost(opts.host)) {
  process.stderr.write(
    `warning: listening on ${opts.host}, not only this machine: anyone on your network can reach Cassette and try tokens. ` +
      'Plain HTTP: use it on a network you trust, or put it behind HTTPS.\n',
  );
}
process.stdout.write(`Cassette is running. Open ${host.openUrl}\n`);
// The start-up reconcile (every catalog file checked on disk) runs once the page is being served.
setImmediate(() => core.reconcile());
process.stdout.write(`Data: ${paths.dataDir}\n`);

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await host.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
