// A kill -9 mid-download: on restart nothing is stuck, no partial file is visible, and the download completes.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogStatus } from '../../src/main/catalog';
import { isPartFile, parsePartFile } from '../../src/main/library';
import { makeTone } from '../support/audio';
import { seedAlbums } from '../support/catalogBuilder';
import { scriptedSource } from '../support/scriptedSource';
import { openTestCore, tempDir } from '../support/testCore';

describe('crash recovery', () => {
  it('recovers an interrupted download after the process is killed', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const seed = openTestCore(dir, { reconcileOnStart: false });
      const [track] = seedAlbums(seed.catalog, 1, 1);
      seed.queue.enqueueTrack({ trackId: track!.id, source: 'noop' });
      await seed.close();

      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../support/crashChild.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      const partPath = await new Promise<string>((resolve, reject) => {
        let buf = '';
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          const m = /STARTED (.+)\n/.exec(buf);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
      });
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      expect(existsSync(partPath)).toBe(true);
      const part = parsePartFile(partPath)!;
      const finalPath = join(part.dir, part.stem);
      expect(existsSync(finalPath)).toBe(false);

      const tone = await makeTone(join(dir, 'tone.mp3'), { seconds: 2, format: 'mp3' });
      const source = scriptedSource({ kind: 'deliver', file: tone });
      const core = openTestCore(dir, { sources: { noop: source }, defaultSource: 'noop' });
      // Right after start-up nothing is stuck in progress.
      expect(catalogStatus(core.db)).toMatchObject({ downloading: 0, queued: 1 });
      expect(core.queue.list({ view: 'active' }).total).toBe(0);
      core.processor.start();
      await core.processor.whenIdle();
      expect(catalogStatus(core.db)).toMatchObject({ downloaded: 1, queued: 0, downloading: 0 });
      expect(existsSync(finalPath)).toBe(true);
      // The dead writer's part file was swept at start-up: nothing of the crash is left.
      await core.startupSweep;
      expect(existsSync(partPath)).toBe(false);
      const leftovers = (await readdir(join(dir, 'Library'), { recursive: true })).filter((f) => isPartFile(String(f)) || String(f).endsWith('.part'));
      expect(leftovers).toEqual([]);
      await core.close();
    } finally {
      await cleanup();
    }
  });
});
