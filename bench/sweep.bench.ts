// npx tsx bench/sweep.bench.ts — the start-up part-file sweep over a library of 20,000 files (2,000 folders)
// with 100 leftover part files of a dead writer, 100 of a live one and 100 other programs' `.part` files.
// Prints JSON {files, folders, removed, ms} as the last line.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partPathFor, sweepPartFiles } from '../src/main/library';

const FILES = Number(process.env.BENCH_FILES ?? 20_000);
const root = mkdtempSync(join(tmpdir(), 'cassette-bench-sweep-'));
try {
  let folders = 0;
  for (let i = 0; i < FILES; i++) {
    const dir = join(root, `artist${Math.floor(i / 100)}`, `album${Math.floor(i / 10) % 10}`);
    if (i % 10 === 0) {
      mkdirSync(dir, { recursive: true });
      folders++;
    }
    const target = join(dir, `${String(i % 10).padStart(2, '0')} track ${i}.mp3`);
    writeFileSync(target, 'x');
    if (i % 200 === 0) writeFileSync(partPathFor(target, 'host-1'), 'dead');
    if (i % 200 === 1) writeFileSync(partPathFor(target, 'host-2'), 'live');
    if (i % 200 === 2) writeFileSync(`${target}.part`, 'a browser');
  }
  const t0 = performance.now();
  const removed = await sweepPartFiles([root], { isWriterAlive: (w) => w === 'host-2' });
  const ms = Math.round(performance.now() - t0);
  console.log(JSON.stringify({ files: FILES, folders, removed: removed.length, ms }));
} finally {
  rmSync(root, { recursive: true, force: true });
}
