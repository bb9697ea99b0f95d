// The contract methods behind the app's Qobuz page, through core.dispatch as the renderer calls them: status,
// sign in with a token (validated, stored, never returned), folder, preview, start a sync and watch it through
// job.progress and queue.rows, stop it, sign out.
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload, QobuzStatusDto } from '../../src/shared/contract';
import type { Core } from '../../src/main/core';
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
  const r = await core.dispatch(method, input);
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

describe('the Qobuz page contract', () => {
  it('status before signing in: not signed in, no folder, no problem', async () => {
    expect(await call<QobuzStatusDto>('qobuz.status')).toEqual({
      signedIn: false, user: null, credentials: null, folder: null, syncing: false, problem: null, lastSync: null,
    });
  });

  it('a rejected token is an auth error and is not stored', async () => {
    const r = await core.dispatch('qobuz.signIn', { token: 'not-a-token' });
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
    expect(await core.dispatch('qobuz.setFolder', { folder: 'relative/music' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call<QobuzStatusDto>('qobuz.setFolder', { folder: box.musicDir })).toMatchObject({ folder: box.musicDir });
  });

  it('preview lists every track a sync would download, with its path and why, and downloads nothing', async () => {
    const p = await call<{ folder: string; planned: { title: string; path: string; reason: string }[]; skipped: number; total: number }>('qobuz.preview');
    expect(p).toMatchObject({ folder: box.musicDir, skipped: 0, total: 5 });
    expect(p.planned.map((t) => [t.title, t.path.slice(box.musicDir.length + 1), t.reason])[0]).toEqual(['Fold', 'Origami/Paper Moons/01 - Fold.mp3', 'new']);
    expect(emu.count('cdn/file')).toBe(0);
  });

  it('a started sync runs in the background, shows in the queue and job.progress, and lands in the catalog', async () => {
    const done = finished();
    expect(await call<QobuzStatusDto>('qobuz.sync.start')).toMatchObject({ syncing: true });
    expect(await core.dispatch('qobuz.sync.start', undefined)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const last = await done;
    expect(last.label).toMatch(/5 downloaded/);
    expect(progress.some((p) => p.job === 'qobuz.sync' && !p.finished)).toBe(true);
    expect(new Set(rows.filter((r) => r.source === 'qobuz' && r.status === 'completed').map((r) => r.id)).size).toBe(5);
    for (const f of await filesUnder(box.musicDir)) await playableDuration(join(box.musicDir, f));
    const s = await call<QobuzStatusDto>('qobuz.status');
    expect(s).toMatchObject({ syncing: false, lastSync: { downloaded: 5, failed: 0, upToDate: false, stopped: null } });
    expect(await call('catalog.status')).toMatchObject({ songs: 5, downloaded: 5 });
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
