// Child process for the /proc test: the real headless host on a real socket, with a library folder under /proc so
// every queued download has to create its folder there (Node's recursive mkdir never returns on /proc).
import { createCore, pathsFor, silentLogger } from '../../src/main/core';
import { startHeadlessHost } from '../../src/server/headlessHost';
import { DownloadError, type DownloadSource } from '../../src/main/base';

const [dataDir, token, libraryDir] = process.argv.slice(2) as [string, string, string];
const source: DownloadSource = {
  id: 'slskd',
  async fetch() {
    throw new DownloadError('unknown', 'this source is never reached: the folder cannot be created');
  },
};
const core = createCore(
  { paths: pathsFor(dataDir), logger: silentLogger },
  { host: 'test', sources: { slskd: source }, defaultSource: 'slskd', runQueue: true, reconcileOnStart: false, libraryDir },
);
const host = await startHeadlessHost({ core, token, port: 0, logger: silentLogger });
process.stdout.write(`LISTENING ${host.url}\n`);
process.on('SIGTERM', () => {
  void host.close().then(() => core.close()).then(() => process.exit(0));
});
