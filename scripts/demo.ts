// npm run demo: Cassette against emulated services (slskd, ticket service), with a catalog of missing tracks,
// so the whole flow can be watched in a browser without any real account.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, pathsFor, consoleLogger } from '../src/main/core';
import { createSlskdSource } from '../src/main/sources';
import { createTicketsSource } from '../src/main/sources';
import { startHeadlessHost } from '../src/server/headlessHost';
import { seedDemoCatalog, startDemoWorld } from '../test/emulators/demoWorld';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.CASSETTE_DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'cassette-demo-')));
const world = await startDemoWorld(join(dataDir, 'world'), { seconds: 30, transferBytesPerSec: 300_000 });
const core = createCore(
  { paths: pathsFor(dataDir), logger: consoleLogger },
  {
    host: 'headless', runQueue: true, defaultSource: 'slskd',
    sources: {
      slskd: createSlskdSource(world.slskdConfig),
      tickets: createTicketsSource({ baseUrl: world.tickets.url, token: world.tickets.apiKey, pollMs: 200 }),
    },
  },
);
seedDemoCatalog(core.catalog, 30);
core.reconcile();
const host = await startHeadlessHost({ core, token: randomBytes(12).toString('base64url'), port: 0, rendererDir: join(root, 'out', 'renderer') });
process.stdout.write(`Demo running (data in ${dataDir}). Open ${host.openUrl}\n`);
process.on('SIGINT', async () => {
  await host.close();
  await core.close();
  await world.close();
  process.exit(0);
});
