// Child process for the crash test: starts downloading, writes half a file, says so, then hangs until killed.
import { writeFile } from 'node:fs/promises';
import { createCore, pathsFor, silentLogger } from '../../src/main/core';
import type { DownloadSource } from '../../src/main/base';

const dataDir = process.argv[2]!;
const source: DownloadSource = {
  id: 'slskd',
  async fetch(_track, ctx) {
    await writeFile(ctx.partPath, Buffer.alloc(50_000, 1));
    ctx.onProgress({ bytesDownloaded: 50_000, bytesTotal: 100_000 });
    process.stdout.write(`STARTED ${ctx.partPath}\n`);
    return new Promise(() => {});
  },
};
createCore({ paths: pathsFor(dataDir), logger: silentLogger }, { host: 'test', sources: { slskd: source }, defaultSource: 'slskd', runQueue: true, libraryDir: `${dataDir}/Library` });
