// Child process for the crash tests: runs a core on the given data dir and says on stdout when it reached the
// point under test, then waits to be killed (or kills itself there).
//   mid-download (default): writes half a file into the part file, says STARTED <part>, hangs.
//   after-rename <tone>:    delivers <tone>; the queue renames it into place, and the process dies (SIGKILL)
//                           just before the catalog commit, after saying RENAMED <item id> <size of the filed file>.
import { copyFile, stat, writeFile } from 'node:fs/promises';
import { createCore, pathsFor, silentLogger } from '../../src/main/core';
import type { DownloadSource } from '../../src/main/base';

const dataDir = process.argv[2]!;
const mode = process.argv[3] ?? 'mid-download';

const hanging: DownloadSource = {
  id: 'slskd',
  async fetch(_track, ctx) {
    await writeFile(ctx.partPath, Buffer.alloc(50_000, 1));
    ctx.onProgress({ bytesDownloaded: 50_000, bytesTotal: 100_000 });
    process.stdout.write(`STARTED ${ctx.partPath}\n`);
    return new Promise(() => {});
  },
};

const delivering: DownloadSource = {
  id: 'slskd',
  async fetch(_track, ctx) {
    await copyFile(process.argv[4]!, ctx.partPath);
    const size = (await stat(ctx.partPath)).size;
    return { path: ctx.partPath, ext: 'mp3', sizeBytes: size, description: 'crash test' };
  },
};

const core = createCore(
  { paths: pathsFor(dataDir), logger: silentLogger },
  { host: 'test', sources: { slskd: mode === 'after-rename' ? delivering : hanging }, defaultSource: 'slskd', concurrency: { slskd: 8 }, runQueue: true, libraryDir: `${dataDir}/Library` },
);
if (mode === 'after-rename') {
  // The file is in place under its final name; the commit that would record it never happens.
  core.queue.markCompletedMany = (list) => {
    process.stdout.write(`RENAMED ${list.map((c) => c.id).join(',')} ${list.map((c) => c.sizeBytes).join(',')}\n`);
    process.kill(process.pid, 'SIGKILL');
  };
}
