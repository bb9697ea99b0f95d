// A catalog on a full disk. Real: the data dir on a small tmpfs filled to the brim (where this machine lets us
// mount one), `qoget sync` ends with one line naming the catalog and a non-zero exit, nothing left behind, and
// the next run (with space again) completes. Always: SQLITE_FULL raised by the queue's claim while downloads run
// pauses the queue, stops the running transfers without leaving their part files, and ends the sync with the
// same one line; the next start is clean.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalogStatus } from '../../src/main/catalog';
import { OWNER } from '../../src/main/core';
import { AppError } from '../../src/shared/result';
import { qobuzLibrary, startQobuzEmulator, type QobuzEmulator } from '../emulators/qobuz';
import { cli, filesUnder, openSyncCore, playableDuration, syncSandbox, writeConfig, type SyncSandbox } from '../support/qobuzSync';

let emu: QobuzEmulator;
const boxes: SyncSandbox[] = [];
const FILES = ['Arc Lamp/B-Sides/01 - Tollbooth.mp3', 'Arc Lamp/Night Drive/01 - Ignition.mp3', 'Arc Lamp/Night Drive/02 - Overpass.mp3', 'Arc Lamp/Night Drive/03 - Exit 9.mp3'];

beforeAll(async () => {
  emu = await startQobuzEmulator({
    library: qobuzLibrary()
      .album({ title: 'Night Drive', artist: 'Arc Lamp', tracks: [{ title: 'Ignition', durationSec: 31 }, { title: 'Overpass', durationSec: 32 }, { title: 'Exit 9', durationSec: 33 }] })
      .track({ title: 'Tollbooth', durationSec: 31, album: { title: 'B-Sides', artist: 'Arc Lamp' } })
      .build(),
  });
});
afterEach(() => emu.setBandwidth({}));
afterAll(async () => {
  await emu.close();
  await Promise.all(boxes.map((b) => b.cleanup()));
});

async function sandbox(extraEnv: NodeJS.ProcessEnv = {}): Promise<SyncSandbox> {
  const b = await syncSandbox(emu, extraEnv);
  boxes.push(b);
  await writeConfig(b, 'requests_per_second = 100\n');
  return b;
}

async function expectWhole(folder: string): Promise<void> {
  expect(await filesUnder(folder)).toEqual(FILES);
  for (const f of FILES) expect(await playableDuration(join(folder, f))).toBeGreaterThan(30);
}

/** Mounts a tmpfs of `size` at a new temp folder, or returns undefined where that is not allowed (not root, CI). */
async function mountTmpfs(size: string): Promise<{ dir: string; unmount(): Promise<void> } | undefined> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'cassette-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    await rm(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir,
    unmount: async () => {
      execFileSync('umount', [dir], { stdio: 'ignore' });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// Room for SQLite's WAL index (32 KiB) and a few pages: the catalog opens, and a write during the sync fails.
const LEFT_BYTES = 48 * 1024;
const catalogFullLine = (catalog: string) => new RegExp(`^error: The catalog ${catalog.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be written: its disk is full\\. Free some space there and try again\\.$`);

describe('a catalog on a full disk', () => {
  it('SQLITE_FULL in the queue’s claim mid-sync: the queue pauses, transfers stop without leaving part files, one clear error; the next start is clean', async () => {
    const box = await sandbox();
    const core = openSyncCore(box);
    const catalog = join(box.dataDir, 'catalog.db');
    const realClaim = core.queue.claimBatch.bind(core.queue);
    let claims = 0;
    // The first claim takes all four downloads; the next (the processor's tick, a second later) meets a full disk.
    core.queue.claimBatch = (max, source) => {
      if (++claims > 1) throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
      return realClaim(max, source);
    };
    const states: boolean[] = [];
    core.events.on('queue.state', (s) => states.push(s.paused));
    emu.setBandwidth({ bytesPerSec: 100_000 });
    try {
      const err = await core.qobuz.sync({ folder: box.musicDir }).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'disk_full', message: `The catalog ${catalog} cannot be written: its disk is full. Free some space there and try again.` });
      expect(claims).toBeGreaterThan(1);
      expect(core.processor.isPaused).toBe(true);
      expect(states).toContain(true);
      // No transfer is left running, and none left its part file (or anything else) in the folder.
      expect(core.processor.activeCount).toBe(0);
      expect(await filesUnder(box.musicDir)).toEqual([]);
    } finally {
      await core.close();
    }
    emu.setBandwidth({});
    const again = openSyncCore(box);
    try {
      expect(catalogStatus(again.db)).toMatchObject({ downloading: 0 });
      const s = await again.qobuz.sync({ folder: box.musicDir });
      expect(s.failed).toEqual([]);
    } finally {
      await again.close();
    }
    await expectWhole(box.musicDir);
  });

  it('a client call that meets a full catalog answers disk_full naming the file, not SQLite’s raw message', async () => {
    const box = await sandbox();
    const core = openSyncCore(box);
    try {
      core.queue.retryNow = () => {
        throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
      };
      expect(await core.dispatch('queue.retry', { id: 1 }, OWNER)).toEqual({
        ok: false,
        error: { code: 'disk_full', message: `The catalog ${join(box.dataDir, 'catalog.db')} cannot be written: its disk is full. Free some space there and try again.` },
      });
    } finally {
      await core.close();
    }
  });

  it('for real, on a full tmpfs: `qoget sync` prints one line naming the catalog, exits non-zero, leaves nothing; with space again it completes', async (ctx) => {
    const fs = await mountTmpfs('3m');
    if (!fs) return ctx.skip();
    try {
      const dataDir = join(fs.dir, 'data');
      await mkdir(dataDir);
      const box = await sandbox({ CASSETTE_DATA_DIR: dataDir });
      // The catalog exists (schema written), then the disk fills up to the last few kilobytes.
      const status = await cli('cassette', ['status', '--json'], box.env);
      expect(status.code, status.stderr).toBe(0);
      const free = await statfs(fs.dir);
      const filler = join(fs.dir, 'filler');
      await writeFile(filler, Buffer.alloc(Math.max(0, free.bavail * free.bsize - LEFT_BYTES)));

      const r = await cli('qoget', ['sync', box.musicDir], box.env);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n'), r.stderr).toEqual([expect.stringMatching(catalogFullLine(join(dataDir, 'catalog.db')))]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(await filesUnder(box.musicDir)).toEqual([]);

      await rm(filler);
      const ok = await cli('qoget', ['sync', box.musicDir], box.env);
      expect(ok.code, ok.stderr).toBe(0);
      await expectWhole(box.musicDir);
    } finally {
      await fs.unmount();
    }
  });
});
