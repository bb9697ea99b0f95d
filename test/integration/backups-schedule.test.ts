// The in-app backup schedule with a fake clock against the Spotify emulator: it catches up on start, does not
// run twice, runs accounts one after the other, resumes a paused run, stays quiet when off, and warns before a
// sign-in expires.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupJobDto, SpotifySignInStateDto } from '../../src/shared/contract';
import { createCore, OWNER, pathsFor, type Core, type Logger } from '../../src/main/core';
import { listAccountRuns } from '../../src/main/backup';
import { settingsPath } from '../../src/main/config';
import { startSpotifyEmulator, type SpotifyEmulator } from '../emulators/spotify';
import { memorySecrets, visit } from '../support/spotify';
import { sourceWorld, type SourceWorld } from '../support/spotifyWorld';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let emu: SpotifyEmulator;
let src: SourceWorld;
let dataDir: string;
let now: number;
let secrets: ReturnType<typeof memorySecrets>;
let logged: string[];
const cores: Core[] = [];
const clock = { now: () => now };
const logger: Logger = { info: (m) => logged.push(`info: ${m}`), warn: (m) => logged.push(`warn: ${m}`), error: (m) => logged.push(`error: ${m}`) };

function setSchedule(schedule: string): void {
  mkdirSync(pathsFor(dataDir).configDir, { recursive: true });
  writeFileSync(settingsPath(pathsFor(dataDir)), `[spotify]\nschedule = "${schedule}"\n`);
}

function openCore(backupSchedule: boolean): Core {
  const core = createCore(
    { paths: pathsFor(dataDir), logger, secrets, clock },
    {
      host: 'test', runQueue: false, reconcileOnStart: false, backupSchedule,
      env: { SPOTIFY_CLIENT_ID: emu.clientId, SPOTIFY_ACCOUNTS_BASE: emu.accountsBase, SPOTIFY_API_BASE: emu.apiBase },
    },
  );
  cores.push(core);
  return core;
}

async function signIn(core: Core, account: string, userId: string): Promise<void> {
  emu.signInAs(userId);
  const outcome = new Promise<SpotifySignInStateDto>((resolve) => core.events.on('spotify.signIn', (s) => s.state !== 'waiting' && resolve(s)));
  const r = await core.dispatch('spotify.signIn', { account }, OWNER);
  if (!r.ok) throw new Error(r.error.message);
  await visit((r.data as SpotifySignInStateDto).authorizeUrl!);
  expect(await outcome).toMatchObject({ state: 'signed_in' });
}

const runsOf = (userId: string) => listAccountRuns(join(dataDir, 'backups'), userId);

beforeEach(async () => {
  src = sourceWorld({ likes: 30, playlists: 2, itemsPerPlaylist: 10 });
  emu = await startSpotifyEmulator({ world: src.world });
  dataDir = mkdtempSync(join(tmpdir(), 'cassette-backups-schedule-'));
  now = Date.parse('2026-06-01T08:00:00Z');
  secrets = memorySecrets();
  logged = [];
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  await emu.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('backup schedule', () => {
  it('catches up on start when the last complete run is older than a day, and does not run twice', async () => {
    setSchedule('daily');
    const first = openCore(false);
    await signIn(first, 'main', 'alice');
    await first.backups.startBackup('main');
    await first.backups.settled();
    await first.close();
    expect((await runsOf('alice')).map((r) => r.state)).toEqual(['complete']);

    now += 20 * HOUR; // not due yet
    const early = openCore(true);
    expect(await early.backupScheduler.tick()).toMatchObject({ started: [] });
    await early.close();
    expect(await runsOf('alice')).toHaveLength(1);

    now += 5 * HOUR; // 25 h after the last run: the start-up check runs one now
    const core = openCore(true);
    const report = await core.backupScheduler.tick(); // joins the start-up check
    expect(report.started).toEqual([{ account: 'main', resumed: false }]);
    await core.backups.settled();
    expect((await runsOf('alice')).map((r) => r.state)).toEqual(['complete', 'complete']);
    expect(logged).toContainEqual(expect.stringMatching(/^info: Scheduled backup of account main: the last one finished 2026-06-01T08/));
    expect(logged).toContainEqual(expect.stringMatching(/^info: Backup of main \(scheduled\): complete/));

    // A check an hour later, and two at once, start nothing more.
    now += HOUR;
    const [a, b] = await Promise.all([core.backupScheduler.tick(), core.backupScheduler.tick()]);
    expect(a).toBe(b);
    expect(a.started).toEqual([]);
    expect(await runsOf('alice')).toHaveLength(2);
  });

  it('backs up every signed-in account with no backup yet, one after the other', async () => {
    setSchedule('weekly');
    const core = openCore(false);
    await signIn(core, 'main', 'alice');
    await signIn(core, 'new', 'alice-new');
    let running = 0;
    let most = 0;
    core.events.on('backups.job', (j: BackupJobDto) => {
      if (j.phase === 'starting') most = Math.max(most, ++running);
      else if (j.state !== 'running') running--;
    });
    const report = await core.backupScheduler.tick();
    expect(report.started.map((s) => s.account)).toEqual(['main', 'new']);
    expect(most).toBe(1);
    expect(await runsOf('alice')).toHaveLength(1);
    expect(await runsOf('alice-new')).toHaveLength(1);
    now += 6 * DAY;
    expect((await core.backupScheduler.tick()).started).toEqual([]);
    now += DAY;
    expect((await core.backupScheduler.tick()).started).toHaveLength(2);
  });

  it('resumes a paused run at the next check, in the same folder', async () => {
    setSchedule('daily');
    const core = openCore(false);
    await signIn(core, 'main', 'alice');
    emu.faults.inject({ kind: 'quota_exceeded', path: `/v1/playlists/${src.owned[1]}/items`, times: 1 });
    await core.backupScheduler.tick();
    const [paused] = await runsOf('alice');
    expect(paused?.state).toBe('paused');
    now += HOUR;
    expect((await core.backupScheduler.tick()).started).toEqual([{ account: 'main', resumed: true }]);
    const runs = await runsOf('alice');
    expect(runs.map((r) => [r.dir, r.state])).toEqual([[paused!.dir, 'complete']]);
  });

  it('does nothing when off', async () => {
    const core = openCore(true);
    await signIn(core, 'main', 'alice');
    expect(await core.backupScheduler.tick()).toEqual({ started: [], skipped: [] });
    expect(await runsOf('alice')).toEqual([]);
  });

  it('warns in the log, once a day, before a sign-in expires', async () => {
    const core = openCore(false);
    await signIn(core, 'main', 'alice');
    await core.backupScheduler.tick();
    expect(logged.filter((l) => l.startsWith('warn:'))).toEqual([]);
    now += 170 * DAY; // consent lasts ~182 days; the warning starts 21 days before
    await core.backupScheduler.tick();
    await core.backupScheduler.tick();
    const warnings = logged.filter((l) => /sign-in of account main expires around 2026-11-30/.test(l));
    expect(warnings).toHaveLength(1);
    const list = await core.dispatch('backups.list', undefined, OWNER);
    expect(list.ok && (list.data as { warnings: unknown[] }).warnings).toEqual([expect.objectContaining({ account: 'main' })]);
    now += DAY;
    await core.backupScheduler.tick();
    expect(logged.filter((l) => /sign-in of account main expires/.test(l))).toHaveLength(2);
  });
});
