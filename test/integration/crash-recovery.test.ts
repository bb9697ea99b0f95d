// A kill -9 at each point of a download: on restart nothing is stuck, no partial file is visible, the catalog
// is true, and the download completes (or is adopted) without failing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogStatus } from '../../src/main/catalog';
import { isPartFile, parsePartFile, partPathFor, partWriterToken } from '../../src/main/library';
import type { DownloadSource } from '../../src/main/base';
import { resumeRecordPath } from '../../src/main/net';
import { makeTone } from '../support/audio';
import { seedAlbums } from '../support/catalogBuilder';
import { cli } from '../support/qobuzSync';
import { scriptedSource } from '../support/scriptedSource';
import { openTestCore, tempDir } from '../support/testCore';

/** Above Linux's default pid_max (4194304): no process has it. */
const DEAD_PID = 4_194_305;

/** Starts the crash child and resolves with the first line matching `pattern` (the child is then killed or dead). */
function runChild(args: string[], pattern: RegExp): { line: Promise<RegExpExecArray>; exited: Promise<NodeJS.Signals | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../support/crashChild.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
  const line = new Promise<RegExpExecArray>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = pattern.exec(buf);
      if (m) resolve(m);
    });
    void exited.then(() => reject(new Error(`child exited before printing ${pattern}`)));
  });
  return { line, exited };
}

async function killMidDownload(dir: string, tracks = 1): Promise<string[]> {
  const seed = openTestCore(dir, { reconcileOnStart: false });
  for (const t of seedAlbums(seed.catalog, 1, tracks)) seed.queue.enqueueTrack({ trackId: t.id, source: 'slskd' });
  await seed.close();
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../support/crashChild.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const parts = await new Promise<string[]>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const found = [...buf.matchAll(/STARTED (.+)\n/g)].map((m) => m[1]!);
      if (found.length === tracks) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return parts;
}

describe('crash recovery', () => {
  it('recovers an interrupted download after the process is killed', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const [partPath] = await killMidDownload(dir);
      expect(existsSync(partPath!)).toBe(true);
      const part = parsePartFile(partPath!)!;
      const finalPath = join(part.dir, part.stem);
      expect(existsSync(finalPath)).toBe(false);

      const tone = await makeTone(join(dir, 'tone.mp3'), { seconds: 2, format: 'mp3' });
      const source = scriptedSource({ kind: 'deliver', file: tone });
      const core = openTestCore(dir, { sources: { slskd: source }, defaultSource: 'slskd' });
      // Right after start-up nothing is stuck in progress.
      expect(catalogStatus(core.db)).toMatchObject({ downloading: 0, queued: 1 });
      expect(core.queue.list({ view: 'active' }).total).toBe(0);
      core.processor.start();
      await core.processor.whenIdle();
      expect(catalogStatus(core.db)).toMatchObject({ downloaded: 1, queued: 0, downloading: 0 });
      expect(existsSync(finalPath)).toBe(true);
      // The dead writer's part file was swept at start-up: nothing of the crash is left.
      await core.startupSweep;
      expect(existsSync(partPath!)).toBe(false);
      const leftovers = (await readdir(join(dir, 'Library'), { recursive: true })).filter((f) => isPartFile(String(f)) || String(f).endsWith('.part'));
      expect(leftovers).toEqual([]);
      await core.close();
    } finally {
      await cleanup();
    }
  });

  it('after a kill -9, status counts nothing as downloading until the next start takes the claims back', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await killMidDownload(dir, 3);
      // `cassette status` opens the catalog without recovering (a live app may be downloading beside it).
      const r = await cli('cassette', ['status', '--json'], { CASSETTE_DATA_DIR: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ songs: 3, downloading: 0, queued: 3, missing: 3 });
    } finally {
      await cleanup();
    }
  });

  it('the start-up sweep removes a crashed writer’s part files of any source, keeps a resumable one and never touches other programs’ files', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const [partPath] = await killMidDownload(dir);
      const library = join(dir, 'Library');
      const browsers = join(library, 'Artist 1', 'download.mp3.part');
      await writeFile(browsers, 'a browser is still writing this');
      // A ticket download killed mid-transfer: its request still waits, and the service resumes it by Range.
      const seed = openTestCore(dir, { reconcileOnStart: false, recoverOnStart: false });
      const [ticketTrack] = seedAlbums(seed.catalog, 3, 1).slice(2);
      const ticketDest = join(library, 'Tickets', '01 Resumed.flac');
      seed.queue.enqueueTrack({ trackId: ticketTrack!.id, source: 'tickets', destinationPath: ticketDest });
      await seed.close();
      await mkdir(join(library, 'Tickets'), { recursive: true });
      // Written by a process of this machine that is gone.
      const ticketPart = partPathFor(ticketDest, partWriterToken(`${hostname()}:${DEAD_PID}`));
      await writeFile(ticketPart, Buffer.alloc(10_000, 2));
      // …with the record of which remote file those bytes are of, which must travel with them.
      const record = JSON.stringify({ etag: '"5f3a-2710"', total: 20_000 });
      await writeFile(resumeRecordPath(ticketPart), record);

      // The resuming source finds the crashed writer's bytes in its own part file.
      const tone = await makeTone(join(dir, 'tone.flac'), { seconds: 3, format: 'flac' });
      const foundAtStart: number[] = [];
      const recordsAtStart: string[] = [];
      const tickets: DownloadSource = {
        id: 'tickets',
        resumesPartFiles: true,
        async fetch(_track, ctx) {
          foundAtStart.push((await stat(ctx.partPath)).size);
          recordsAtStart.push(await readFile(resumeRecordPath(ctx.partPath), 'utf8').catch(() => 'none'));
          await copyFile(tone, ctx.partPath);
          return { path: ctx.partPath, ext: 'flac', sizeBytes: (await stat(tone)).size, description: 'resumed' };
        },
      };
      const core = openTestCore(dir, { sources: { tickets }, reconcileOnStart: false });
      const removed = await core.startupSweep;
      expect(removed).toEqual([partPath]);
      expect(existsSync(browsers)).toBe(true);
      expect((await stat(ticketPart)).size).toBe(10_000);
      core.processor.start();
      await core.processor.whenIdle();
      expect(foundAtStart).toEqual([10_000]);
      expect(recordsAtStart).toEqual([record]);
      expect(existsSync(ticketPart)).toBe(false);
      expect(existsSync(resumeRecordPath(ticketPart))).toBe(false);
      expect(core.catalog.getTrack(ticketTrack!.id)).toMatchObject({ status: 'downloaded', local_path: ticketDest });
      await core.close();
    } finally {
      await cleanup();
    }
  });

  it('a kill -9 between the final rename and the catalog commit: the next start adopts the file instead of failing with dest_exists', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const seed = openTestCore(dir, { reconcileOnStart: false });
      const [track] = seedAlbums(seed.catalog, 1, 1);
      const { item } = seed.queue.enqueueTrack({ trackId: track!.id, source: 'slskd' });
      await seed.close();
      const tone = await makeTone(join(dir, 'tone.mp3'), { seconds: 3, format: 'mp3' });

      const child = runChild([dir, 'after-rename', tone], /RENAMED (\d+) (\d+)\n/);
      const renamed = await child.line;
      expect(Number(renamed[1])).toBe(item.id);
      expect(await child.exited).toBe('SIGKILL');
      const finalPath = join(dir, 'Library', 'Artist 1', 'Artist 1 - Album 1', '01 Song 1-1.mp3');
      expect(existsSync(finalPath)).toBe(true);

      // A source that would deliver a different file: the one in place must win, without a second download.
      const other = await makeTone(join(dir, 'other.mp3'), { seconds: 3, format: 'mp3', frequencyHz: 220 });
      const source = scriptedSource({ kind: 'deliver', file: other });
      const core = openTestCore(dir, { sources: { slskd: source }, defaultSource: 'slskd' });
      expect(core.catalog.getTrack(track!.id)!.status).not.toBe('downloaded');
      core.processor.start();
      await core.processor.whenIdle();
      const done = core.queue.get(item.id)!;
      expect(done).toMatchObject({ status: 'completed', retry_count: 0, error_type: null });
      expect(source.calls).toEqual([]);
      const size = (await stat(finalPath)).size;
      expect(core.catalog.getTrack(track!.id)).toMatchObject({ status: 'downloaded', local_path: finalPath, size_bytes: size });
      // The file the crashed process filed (tagged from the catalog) is the one adopted, byte for byte in size.
      expect(size).toBe(Number(renamed[2]));
      expect(catalogStatus(core.db)).toMatchObject({ downloaded: 1, downloading: 0, queued: 0, failed: 0 });
      await core.close();
    } finally {
      await cleanup();
    }
  });
});
