// The contract methods behind the app's Qobuz page, through core.dispatch as the renderer calls them: status,
// sign in with a token (validated, stored, never returned), folder, preview, start a sync and watch it through
// job.progress and queue.rows, stop it, sign out.
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload, QobuzStatusDto } from '../../src/shared/contract';
import { OWNER, type Core } from '../../src/main/core';
import { qobuzLibrary, startQobuzEmulator, type QobuzEmulator } from '../emulators/qobuz';
import { captureLogger, filesUnder, openSyncCore, playableDuration, syncSandbox, type LogLines, type SyncSandbox } from '../support/qobuzSync';

let emu: QobuzEmulator;
let box: SyncSandbox;
let core: Core;
let log: LogLines;
const progress: EventPayload<'job.progress'>[] = [];
const rows: EventPayload<'queue.rows'> = [];

beforeAll(async () => {
  emu = await startQobuzEmulator({
    library: qobuzLibrary()
      .album({ title: 'Paper Moons', artist: 'Origami', tracks: [{ title: 'Fold', durationSec: 31 }, { title: 'Crease', durationSec: 32 }, { title: 'Unfold', durationSec: 33 }] })
      .album({ title: 'Second Sheet', artist: 'Origami', tracks: [{ title: 'Crane', durationSec: 31 }, { title: 'Frog', durationSec: 32 }] })
      .build(),
  });
  box = await syncSandbox(emu);
  log = captureLogger();
  // Like the app: the queue runs all the time; no token in the environment.
  core = openSyncCore(box, { env: { ...box.env, QOBUZ_TOKEN: '' }, logger: log, config: { runQueue: true } });
  core.events.on('job.progress', (p) => progress.push(p));
  core.events.on('queue.rows', (r) => rows.push(...r));
});
afterAll(async () => {
  await core.close();
  await emu.close();
  await box.cleanup();
});

async function call<T>(method: string, input?: unknown): Promise<T> {
  const r = await core.dispatch(method, input, OWNER);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

function finished(): Promise<EventPayload<'job.progress'>> {
  return new Promise((resolve) => {
    const off = core.events.on('job.progress', (p) => {
      if (p.job === 'qobuz.sync' && p.finished) {
        off();
        resolve(p);
      }
    });
  });
}

/** The status once the sync has wrapped up (the finish event comes a moment before it has). */
async function idleStatus(): Promise<QobuzStatusDto> {
  for (let i = 0; ; i++) {
    const s = await call<QobuzStatusDto>('qobuz.status');
    if (!s.syncing || i >= 50) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the Qobuz page contract', () => {
  it('status before signing in: not signed in, no folder, no problem', async () => {
    expect(await call<QobuzStatusDto>('qobuz.status')).toEqual({
      signedIn: false, user: null, credentials: null, folder: null, syncing: false, problem: null, run: null, lastSync: null,
    });
  });

  it('a rejected token is an auth error and is not stored', async () => {
    const r = await core.dispatch('qobuz.signIn', { token: 'not-a-token' }, OWNER);
    expect(r).toMatchObject({ ok: false, error: { code: 'auth_expired' } });
    expect(JSON.stringify(r)).not.toContain('not-a-token');
    expect((await call<QobuzStatusDto>('qobuz.status')).signedIn).toBe(false);
  });

  it('a good token signs in and is stored in the 0600 secret store (with one warning); no method returns it', async () => {
    const s = await call<QobuzStatusDto>('qobuz.signIn', { token: emu.token });
    expect(s).toMatchObject({ signedIn: true, user: { id: emu.user.id, name: 'cassette-user' }, credentials: 'stored', problem: null });
    expect(JSON.stringify(s)).not.toContain(emu.token);
    const file = join(box.dataDir, 'headless-secrets.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain(emu.token);
    expect(log.lines.filter((l) => /No OS keychain/.test(l))).toHaveLength(1);
  });

  it('the folder must be absolute and is remembered', async () => {
    expect(await core.dispatch('qobuz.setFolder', { folder: 'relative/music' }, OWNER)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call<QobuzStatusDto>('qobuz.setFolder', { folder: box.musicDir })).toMatchObject({ folder: box.musicDir });
  });

  it('preview lists every track a sync would download, with its path and why, and downloads nothing', async () => {
    const p = await call<{ folder: string; planned: { title: string; path: string; reason: string }[]; skipped: number; total: number }>('qobuz.preview');
    expect(p).toMatchObject({ folder: box.musicDir, skipped: 0, total: 5 });
    expect(p.planned.map((t) => [t.title, t.path.slice(box.musicDir.length + 1), t.reason])[0]).toEqual(['Fold', 'Origami/Paper Moons/01 - Fold.mp3', 'new']);
    expect(emu.count('cdn/file')).toBe(0);
  });

  it('a started sync runs in the background, shows in the queue and job.progress (with its counts), and lands in the catalog', async () => {
    const done = finished();
    // Mid-run, qobuz.status carries the run's counts (read when the first track has been downloaded).
    const midRun = new Promise<QobuzStatusDto>((resolve) => {
      const off = core.events.on('queue.rows', (r) => {
        if (r.some((x) => x.source === 'qobuz' && x.status === 'completed')) {
          off();
          resolve(call<QobuzStatusDto>('qobuz.status'));
        }
      });
    });
    progress.length = 0;
    emu.setBandwidth({ bytesPerSec: 400_000 });
    try {
      expect(await call<QobuzStatusDto>('qobuz.sync.start')).toMatchObject({ syncing: true, run: { downloaded: 0 } });
      expect(await core.dispatch('qobuz.sync.start', undefined, OWNER)).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const mid = await midRun;
      expect(mid).toMatchObject({ syncing: true, run: { total: 5, skipped: 0, recognised: 0, failed: 0 } });
      expect(mid.run?.downloaded).toBeGreaterThanOrEqual(1);
      expect(mid.run?.phase).toMatch(/Downloading Qobuz purchases/);
    } finally {
      emu.setBandwidth({});
    }
    const last = await done;
    expect(last.label).toMatch(/5 downloaded/);
    expect(last.counts).toEqual({ downloaded: 5, failed: 0, skipped: 0, recognised: 0, total: 5 });
    const running = progress.filter((p) => p.job === 'qobuz.sync' && !p.finished);
    expect(running.length).toBeGreaterThan(0);
    // While downloading, the events count the run so far.
    expect(running.some((p) => p.counts?.total === 5 && p.counts.downloaded !== undefined && p.counts.downloaded < 5)).toBe(true);
    expect(new Set(rows.filter((r) => r.source === 'qobuz' && r.status === 'completed').map((r) => r.id)).size).toBe(5);
    for (const f of await filesUnder(box.musicDir)) await playableDuration(join(box.musicDir, f));
    const s = await call<QobuzStatusDto>('qobuz.status');
    expect(s).toMatchObject({ syncing: false, run: null, lastSync: { downloaded: 5, failed: 0, upToDate: false, stopped: null } });
    expect(await call('catalog.status')).toMatchObject({ songs: 5, downloaded: 5 });
  });

  it('a re-sync counts the files already there and the one it fetches again, live and at the end', async () => {
    await rm(join(box.musicDir, 'Origami/Second Sheet/02 - Frog.mp3'));
    progress.length = 0;
    const done = finished();
    emu.setBandwidth({ bytesPerSec: 200_000 }); // long enough for progress events while it downloads
    try {
      await call('qobuz.sync.start');
      await done;
    } finally {
      emu.setBandwidth({});
    }
    expect((await done).counts).toEqual({ downloaded: 1, failed: 0, skipped: 4, recognised: 0, total: 5 });
    expect(progress.filter((p) => p.job === 'qobuz.sync' && !p.finished).some((p) => p.counts?.skipped === 4)).toBe(true);
    // Other jobs' progress is unchanged: counts belong to the Qobuz sync only.
    expect(progress.filter((p) => p.job !== 'qobuz.sync' && p.counts)).toEqual([]);
    expect(await idleStatus()).toMatchObject({ run: null, lastSync: { downloaded: 1, skipped: 4, recognised: 0, failed: 0 } });
  });

  it('the last sync survives a restart (kept in qobuz.json); a damaged summary there is ignored', async () => {
    const before = (await call<QobuzStatusDto>('qobuz.status')).lastSync;
    expect(before).toMatchObject({ downloaded: 1, skipped: 4 });
    await core.close();
    core = openSyncCore(box, { env: { ...box.env, QOBUZ_TOKEN: '' }, logger: log, config: { runQueue: true } });
    expect(await call<QobuzStatusDto>('qobuz.status')).toMatchObject({ folder: box.musicDir, syncing: false, run: null, lastSync: before });

    const file = join(box.dataDir, 'config', 'qobuz.json');
    const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await core.close();
    await writeFile(file, JSON.stringify({ ...stored, lastSync: { downloaded: 'lots' } }));
    core = openSyncCore(box, { env: { ...box.env, QOBUZ_TOKEN: '' }, logger: log, config: { runQueue: true } });
    expect(await call<QobuzStatusDto>('qobuz.status')).toMatchObject({ folder: box.musicDir, lastSync: null });
    await core.close();
    await writeFile(file, '{ not json');
    core = openSyncCore(box, { env: { ...box.env, QOBUZ_TOKEN: '' }, logger: log, config: { runQueue: true } });
    expect(await call<QobuzStatusDto>('qobuz.status')).toMatchObject({ folder: null, lastSync: null });
    await core.close();
    await writeFile(file, JSON.stringify(stored));
    core = openSyncCore(box, { env: { ...box.env, QOBUZ_TOKEN: '' }, logger: log, config: { runQueue: true } });
    expect(await call<QobuzStatusDto>('qobuz.status')).toMatchObject({ folder: box.musicDir, lastSync: before });
  });

  it('stop cancels a running sync: transfers stop, nothing partial is left, the rest is not downloaded', async () => {
    // Remove two files so there is something to sync, slowly.
    await rm(join(box.musicDir, 'Origami/Paper Moons/01 - Fold.mp3'));
    await rm(join(box.musicDir, 'Origami/Paper Moons/02 - Crease.mp3'));
    emu.setBandwidth({ bytesPerSec: 100_000 });
    try {
      const started = new Promise<void>((resolve) => {
        const off = core.events.on('queue.rows', (r) => {
          if (r.some((x) => x.status === 'in_progress' && x.bytesDownloaded > 20_000)) {
            off();
            resolve();
          }
        });
      });
      await call('qobuz.sync.start');
      await started;
      const s = await call<QobuzStatusDto>('qobuz.sync.stop');
      expect(s).toMatchObject({ syncing: false, lastSync: { stopped: 'cancelled', downloaded: 0 } });
    } finally {
      emu.setBandwidth({});
    }
    const files = await filesUnder(join(box.musicDir, 'Origami'));
    expect(files.filter((f) => f.startsWith('Paper Moons'))).toEqual(['Paper Moons/03 - Unfold.mp3']);
    expect(core.queue.stats()).toMatchObject({ pending: 0, in_progress: 0 });
  });

  it('closing the app mid-sync leaves the rest queued; the next start signs in by itself and finishes them', async () => {
    await rm(join(box.musicDir, 'Origami/Second Sheet'), { recursive: true });
    emu.setBandwidth({ bytesPerSec: 150_000 });
    const started = new Promise<void>((resolve) => {
      const off = core.events.on('queue.rows', (r) => {
        if (r.some((x) => x.status === 'in_progress' && x.bytesDownloaded > 20_000)) {
          off();
          resolve();
        }
      });
    });
    await call('qobuz.sync.start');
    await started;
    await core.close();
    emu.setBandwidth({});
    expect(await filesUnder(join(box.musicDir, 'Origami/Second Sheet'))).toEqual([]);

    core = openSyncCore(box, { env: { ...box.env, QOBUZ_TOKEN: '' }, logger: log, config: { runQueue: true } });
    expect(core.queue.stats().pending).toBeGreaterThan(0);
    for (let i = 0; i < 100 && core.queue.stats().pending + core.queue.stats().in_progress > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await filesUnder(join(box.musicDir, 'Origami/Second Sheet'))).toEqual(['01 - Crane.mp3', '02 - Frog.mp3']);
    for (const f of ['01 - Crane.mp3', '02 - Frog.mp3']) await playableDuration(join(box.musicDir, 'Origami/Second Sheet', f));
  });

  it('sign out forgets the stored token', async () => {
    expect(await call<QobuzStatusDto>('qobuz.signOut')).toMatchObject({ signedIn: false, credentials: null });
  });
});
