// `npm run serve`: the headless host. 127.0.0.1 by default with a fresh random token; --host/--port to change.
import { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, defaultDataDir, pathsFor, consoleLogger, fileSecretStore, HEADLESS_SECRETS_FILE } from '../main/core';
import { startHeadlessHost } from './headlessHost';
import { buildSources, loadHostSettings } from '../main/config';

const program = new Command()
  .name('cassette-serve')
  .description('Run Cassette without a window: open the printed URL in a browser.')
  .option('--host <host>', 'interface to bind (use 0.0.0.0 to share on your network)', '127.0.0.1')
  .option('--port <port>', 'port (0 = any free port)', (v) => Number.parseInt(v, 10), 5175)
  .parse(process.argv);

const opts = program.opts<{ host: string; port: number }>();
const here = dirname(fileURLToPath(import.meta.url));
const paths = pathsFor(defaultDataDir());
// The token comes from the environment when a script needs a stable one; never from argv.
const token = process.env.CASSETTE_TOKEN || randomBytes(18).toString('base64url');

// The same store the core writes Settings' secrets to, so a key saved in Settings is there after a restart.
const secrets = fileSecretStore(join(paths.dataDir, HEADLESS_SECRETS_FILE), consoleLogger);
const settings = await loadHostSettings(paths, process.env, secrets).catch((e: Error) => {
  process.stderr.write(`error: ${e.message}\n`);
  process.exit(2);
});
for (const n of settings.notes) consoleLogger.warn(n);
const core = createCore(
  { paths, logger: consoleLogger, secrets },
  { host: 'headless', runQueue: true, reconcileOnStart: false, sources: buildSources(settings), defaultSource: settings.defaultSource, libraryDir: settings.libraryDir, concurrency: settings.concurrency },
);
const host = await startHeadlessHost({
  core, token, host: opts.host, port: opts.port, rendererDir: join(here, '..', '..', 'out', 'renderer'),
});
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
