// npm run demo: Cassette against emulated services (slskd, ticket service), with a catalog of missing tracks,
// so the whole flow can be watched in a browser without any real account. Paced for a person: requests join the
// queue one every ~1.5 s, each download takes several seconds, one peer refuses (Cassette fails over), and one
// album exists only as a live recording, so its tracks fail with the reason. `--fast` runs the same story at
// test speed and exits with a one-line JSON summary once the queue is idle (used by the tests).
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { catalogStatus } from '../src/main/catalog';
import { createCore, pathsFor, consoleLogger, silentLogger } from '../src/main/core';
import { PRIORITY } from '../src/main/queue';
import { createSlskdSource, createTicketsSource } from '../src/main/sources';
import { startHeadlessHost } from '../src/server/headlessHost';
import { seedDemoCatalog, startDemoWorld } from '../test/emulators/demoWorld';

const fast = process.argv.includes('--fast');
const pace = fast
  ? { seconds: 3, bytesPerSec: 20_000_000, searchDelayMs: 50, searchTimeoutMs: 500, enqueueGapMs: 0 }
  : { seconds: 40, bytesPerSec: 450_000, searchDelayMs: 1_500, searchTimeoutMs: 4_000, enqueueGapMs: 1_500 };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.CASSETTE_DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'cassette-demo-')));
const world = await startDemoWorld(join(dataDir, 'world'), {
  seconds: pace.seconds, transferBytesPerSec: pace.bytesPerSec, searchDelayMs: pace.searchDelayMs, searchTimeoutMs: pace.searchTimeoutMs,
});
const core = createCore(
  { paths: pathsFor(dataDir), logger: fast ? silentLogger : consoleLogger },
  {
    host: 'headless', runQueue: true, defaultSource: 'slskd', reconcileOnStart: false, env: {},
    sources: {
      slskd: createSlskdSource({ ...world.slskdConfig, budget: { maxSearches: 100, windowMs: 60_000, minGapMs: fast ? 50 : 800 } }),
      tickets: createTicketsSource({ baseUrl: world.tickets.url, token: world.tickets.apiKey, pollMs: 200 }),
    },
  },
);
const host = await startHeadlessHost({ core, token: randomBytes(12).toString('base64url'), port: 0, rendererDir: join(root, 'out', 'renderer') });
if (!fast) {
  process.stdout.write(`Demo running (data in ${dataDir}).\nOpen ${host.openUrl}\nand watch Downloads: the queue fills, runs and finishes; Ctrl-C stops.\n`);
}

const shutdown = async () => {
  await host.close();
  await core.close();
  await world.close();
};
process.on('SIGINT', () => void shutdown().then(() => process.exit(0)));

// The catalog knows the albums; the tracks are requested one by one, as a person would.
const ids = seedDemoCatalog(core.catalog, pace.seconds);
core.events.catalogChanged();
if (!fast) await sleep(3_000);
for (const trackId of ids) {
  await core.handlers['queue.enqueueTrack']({ trackId, priority: PRIORITY.user });
  if (pace.enqueueGapMs) await sleep(pace.enqueueGapMs);
}

if (fast) {
  await core.processor.whenIdle();
  const s = catalogStatus(core.db);
  const failed = core.queue.list({ view: 'failed' }).items.map((i) => i.error_message);
  process.stdout.write(`${JSON.stringify({ songs: s.songs, downloaded: s.downloaded, failed: s.failed, reasons: [...new Set(failed)] })}\n`);
  await shutdown();
  process.exit(0);
}
await core.processor.whenIdle();
process.stdout.write('Demo: the queue is idle. Everything that could be found is in the library; the live album failed with its reason. Ctrl-C stops.\n');
