// Two processes and one sync folder, and files whose size changed behind the catalog's back: a second `qoget
// sync` into a folder another process is syncing refuses (whatever its catalog); a sync killed with -9 leaves its
// lock, which the next run takes over; a cut-short MP3 (whose LAME header still announces the full length) is
// never adopted as present; a file the user re-tagged is kept; a damaged file is replaced by a rename, never
// deleted before its replacement is in place.
import { existsSync } from 'node:fs';
import { mkdir, stat, truncate } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeTags } from '../../src/main/library';
import { FOLDER_LOCK_FILE } from '../../src/main/flows/qobuzSync';
import { makeTone } from '../support/audio';
import { qobuzLibrary, startQobuzEmulator, type QobuzEmulator } from '../emulators/qobuz';
import { cli, filesUnder, openSyncCore, playableDuration, syncSandbox, waitForOutput, writeConfig, type SyncSandbox } from '../support/qobuzSync';

let emu: QobuzEmulator;
const boxes: SyncSandbox[] = [];
const TRACKS = { Ignition: 31, Overpass: 32, 'Exit 9': 33, Tollbooth: 31 } as const;
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

async function sandbox(): Promise<SyncSandbox> {
  const b = await syncSandbox(emu);
  boxes.push(b);
  await writeConfig(b, 'requests_per_second = 100\n');
  return b;
}

const downloading = (out: string) => out.split('\n').some((l) => l.includes('"event":"progress"') && Number(/"bytes":(\d+)/.exec(l)?.[1]) > 50_000);

/** Every file there, whole: plays (decodes without an error) for as long as its track lasts; nothing else left. */
async function expectWhole(folder: string): Promise<void> {
  expect(await filesUnder(folder)).toEqual(FILES);
  for (const f of FILES) {
    const want = TRACKS[/\d\d - (.+)\.mp3$/.exec(f)![1]! as keyof typeof TRACKS];
    expect(Math.abs((await playableDuration(join(folder, f))) - want)).toBeLessThan(1);
  }
}

describe('two processes, one folder', () => {
  it('a second sync into a folder another process is syncing refuses with a message naming it; the first finishes whole', async () => {
    const a = await sandbox();
    const b = await sandbox();
    const folder = a.musicDir;
    emu.setBandwidth({ bytesPerSec: 150_000 });
    const first = cli('qoget', ['sync', folder, '--json'], a.env);
    await waitForOutput(first.child, downloading);
    // Another catalog (b's data dir), the same folder.
    const second = await cli('qoget', ['sync', folder], b.env);
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^error: Another Cassette sync \\(process ${first.child.pid} on .+\\) is writing to ${folder}\\. Wait for it to finish or stop it, then sync again\\.$`)),
    ]);
    emu.setBandwidth({});
    const r = await first;
    expect(r.code, r.stderr).toBe(0);
    await expectWhole(folder);
  });

  it('a sync killed with -9 leaves its lock; the next run (another catalog) takes it over and completes whole', async () => {
    const a = await sandbox();
    const b = await sandbox();
    const folder = a.musicDir;
    emu.setBandwidth({ bytesPerSec: 150_000 });
    const first = cli('qoget', ['sync', folder, '--json'], a.env);
    await waitForOutput(first.child, downloading);
    first.child.kill('SIGKILL');
    await first;
    expect(existsSync(join(folder, FOLDER_LOCK_FILE))).toBe(true);
    emu.setBandwidth({});
    const second = await cli('qoget', ['sync', folder], b.env);
    expect(second.code, second.stderr).toBe(0);
    // The dead run's part files are gone, and so is the lock (released by the run that took it over).
    await expectWhole(folder);
  });
});

describe('files whose size changed', () => {
  it('a cut-short MP3 at the planned place is not adopted, however complete its header says it is', async () => {
    const box = await sandbox();
    const path = join(box.musicDir, 'Arc Lamp/Night Drive/02 - Overpass.mp3');
    await mkdir(dirname(path), { recursive: true });
    await makeTone(path, { seconds: 32, format: 'mp3' });
    // LAME's Xing/Info header announces 32 s; only 60 % of the frames are left.
    await truncate(path, Math.floor((await stat(path)).size * 0.6));
    const core = openSyncCore(box);
    try {
      const s = await core.qobuz.sync({ folder: box.musicDir });
      expect(s.recognised).toEqual([]);
      expect(s.downloaded.find((d) => d.title === 'Overpass')).toMatchObject({ reason: 'unreadable' });
    } finally {
      await core.close();
    }
    await expectWhole(box.musicDir);
  });

  it('a file the user re-tagged (new size) is kept and its size recorded; a damaged one is replaced by a rename', async () => {
    const box = await sandbox();
    const first = openSyncCore(box);
    try {
      expect((await first.qobuz.sync({ folder: box.musicDir })).downloaded).toHaveLength(4);
    } finally {
      await first.close();
    }
    const retagged = join(box.musicDir, 'Arc Lamp/Night Drive/01 - Ignition.mp3');
    const damaged = join(box.musicDir, 'Arc Lamp/Night Drive/03 - Exit 9.mp3');
    const before = (await stat(retagged)).size;
    // A comment added in a tag editor: the Qobuz ids stay, the size changes.
    await writeTags(retagged, { title: 'Ignition', artists: ['Arc Lamp'], album: 'Night Drive', genre: 'My own genre, '.repeat(20), externalIds: { QOBUZ_TRACK_ID: String(emu.library.trackByTitle('Ignition').id) } });
    const after = (await stat(retagged)).size;
    expect(after).not.toBe(before);
    await truncate(damaged, 30_000);

    // The damaged file stays in place until its replacement is renamed over it.
    const seenAtFinalize: boolean[] = [];
    emu.resetCounts();
    const core = openSyncCore(box, { config: { finalize: async () => void seenAtFinalize.push(existsSync(damaged)) } });
    try {
      const s = await core.qobuz.sync({ folder: box.musicDir });
      expect(s.recognised.map((r) => [r.title, r.how])).toEqual([['Ignition', 'qobuz_id']]);
      expect(s.downloaded.map((d) => [d.title, d.reason])).toEqual([['Exit 9', 'wrong_size']]);
      expect(seenAtFinalize).toEqual([true]);
      expect(core.catalog.trackIdAtPath(retagged)).toBeDefined();
      expect(core.catalog.getTrack(core.catalog.trackIdAtPath(retagged)!)).toMatchObject({ size_bytes: after, status: 'downloaded' });
    } finally {
      await core.close();
    }
    expect(emu.count('cdn/file', emu.library.trackByTitle('Ignition').id)).toBe(0);
    expect((await stat(retagged)).size).toBe(after);
    await expectWhole(box.musicDir);
    // And the next run agrees: nothing to do.
    const again = openSyncCore(box);
    try {
      expect(await again.qobuz.sync({ folder: box.musicDir })).toMatchObject({ upToDate: true, skipped: 4 });
    } finally {
      await again.close();
    }
  });
});
