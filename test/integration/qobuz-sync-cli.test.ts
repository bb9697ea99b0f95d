// `qoget` and `cassette qobuz` as a user runs them (child processes, environment only): help, the dry-run JSON
// shape, credential problems reported before any download with the auth exit code, the config file's
// permission warning, environment over config, and the npm script syncing then saying "up to date".
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { qobuzLibrary, startQobuzEmulator, type QobuzEmulator } from '../emulators/qobuz';
import { cli, filesUnder, playableDuration, REPO, syncSandbox, writeConfig, type CliRun, type SyncSandbox } from '../support/qobuzSync';

let emu: QobuzEmulator;
let box: SyncSandbox;

beforeAll(async () => {
  emu = await startQobuzEmulator({
    library: qobuzLibrary()
      .album({ title: 'Quiet Hours', artist: 'Lumen', tracks: [{ title: 'One', durationSec: 31 }, { title: 'Two', durationSec: 32 }] })
      .track({ title: 'Lone', durationSec: 31, album: { title: 'Loose Ends', artist: 'Lumen' } })
      .build(),
  });
  box = await syncSandbox(emu);
  await writeConfig(box, 'requests_per_second = 100\n');
});
beforeEach(() => emu.resetCounts());
afterAll(async () => {
  await emu.close();
  await box.cleanup();
});

const noDownloads = () => emu.count('track/getFileUrl') + emu.count('cdn/file');

describe('qoget', () => {
  it('--help names the commands and says where credentials come from (never arguments)', async () => {
    const top = await cli('qoget', ['--help'], box.env);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/sync \[options\] <dir>/);
    expect(top.stdout).toMatch(/login/);
    const sync = await cli('qoget', ['sync', '--help'], box.env);
    expect(sync.stdout).toMatch(/--dry-run/);
    expect(sync.stdout).toMatch(/QOBUZ_TOKEN/);
    expect(sync.stdout).not.toMatch(/--token|--password/);
  });

  it('--dry-run --json prints exactly {"planned":[{trackId,albumId,path,reason}],"skipped":N} and downloads nothing', async () => {
    const dir = `${box.root}/dry/run`;
    const r = await cli('qoget', ['sync', dir, '--dry-run', '--json'], box.env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!) as { planned: Record<string, unknown>[]; skipped: number };
    expect(Object.keys(out)).toEqual(['planned', 'skipped']);
    expect(out.skipped).toBe(0);
    expect(out.planned).toHaveLength(3);
    for (const p of out.planned) expect(Object.keys(p)).toEqual(['trackId', 'albumId', 'path', 'reason']);
    expect(out.planned[0]).toEqual({
      trackId: emu.library.trackByTitle('One').id, albumId: emu.library.albumByTitle('Quiet Hours').id, path: `${dir}/Lumen/Quiet Hours/01 - One.mp3`, reason: 'new',
    });
    expect(noDownloads()).toBe(0);
    expect(existsSync(dir)).toBe(false);
  });

  it('a bad token: a clear message and exit code 3 before any download', async () => {
    const r = await cli('qoget', ['sync', `${box.root}/bad`], { ...box.env, QOBUZ_TOKEN: 'expired-token' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Qobuz rejected QOBUZ_TOKEN \(HTTP 401\).*qoget login/);
    expect(r.stderr).not.toContain('expired-token');
    expect(noDownloads()).toBe(0);
    expect(await filesUnder(`${box.root}/bad`)).toEqual([]);
  });

  it('a password login answered 401 explains that Qobuz stopped accepting passwords and what to do instead', async () => {
    const env = { ...box.env, QOBUZ_TOKEN: '', QOBUZ_USERNAME: 'me@example.com', QOBUZ_PASSWORD: 'hunter2-secret' };
    const r = await cli('qoget', ['sync', `${box.root}/pw`], env);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no longer accepts e-mail\/password login/);
    expect(r.stderr).toMatch(/QOBUZ_TOKEN/);
    expect(r.stderr).toMatch(/qoget login/);
    expect(r.stderr + r.stdout).not.toContain('hunter2-secret');
    expect(noDownloads()).toBe(0);
  });

  it('no credentials at all: says how to sign in', async () => {
    const r = await cli('qoget', ['sync', `${box.root}/none`, '--dry-run'], { ...box.env, QOBUZ_TOKEN: '' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/No Qobuz credentials.*qoget login.*QOBUZ_TOKEN/);
  });

  it('warns when config.toml is readable by others; the token in it works; the environment wins over it', async () => {
    const other = await syncSandbox(emu);
    try {
      await writeConfig(other, `token = "${emu.token}"\napi_base = "${emu.url}/nothing/"\nrequests_per_second = 100\n`, 0o644);
      // The config's api_base leads nowhere, the environment's is right: the environment wins.
      const env = { ...other.env, QOBUZ_TOKEN: '' };
      const r = await cli('qoget', ['sync', other.musicDir, '--dry-run'], env);
      expect(r.stderr).toMatch(/config\.toml is readable by other users \(mode 0644\).*chmod 600/);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/3 of 3 tracks would be downloaded/);

      // A bad token in the environment beats the good one in the file.
      const bad = await cli('qoget', ['sync', other.musicDir, '--dry-run'], { ...other.env, QOBUZ_TOKEN: 'nope' });
      expect(bad.code).toBe(3);

      // Without the environment's base URL, the config's (wrong) one is used.
      emu.resetCounts();
      const cfgOnly = await cli('qoget', ['sync', other.musicDir, '--dry-run'], { ...env, QOBUZ_API_BASE: '' });
      expect(cfgOnly.code).not.toBe(0);
      expect(emu.count('user/get') + emu.count('purchase/getUserPurchases')).toBe(0);

      await writeConfig(other, `token = "${emu.token}"\n`, 0o600);
      const quiet = await cli('qoget', ['sync', other.musicDir, '--dry-run'], env);
      expect(quiet.stderr).not.toMatch(/readable by other users/);
    } finally {
      await other.cleanup();
    }
  });

  it('`npm run -s qoget -- sync <dir>` syncs into a new nested folder; `cassette qobuz sync` then finds it up to date', async () => {
    const dir = `${box.root}/npm/Music`;
    const first = await new Promise<CliRun>((resolve) => {
      const child = spawn('npm', ['run', '-s', 'qoget', '--', 'sync', dir], { cwd: REPO, env: { ...process.env, ...box.env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/3 downloaded/);
    const files = await filesUnder(dir);
    expect(files).toEqual(['Lumen/Loose Ends/01 - Lone.mp3', 'Lumen/Quiet Hours/01 - One.mp3', 'Lumen/Quiet Hours/02 - Two.mp3']);
    for (const f of files) await playableDuration(`${dir}/${f}`);

    emu.resetCounts();
    const second = await cli('cassette', ['qobuz', 'sync', dir], box.env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/up to date/);
    expect(noDownloads()).toBe(0);

    const status = await cli('cassette', ['status', '--json'], box.env);
    expect(JSON.parse(status.stdout)).toMatchObject({ songs: 3, downloaded: 3, missing: 0 });
  });

  it('explicit QOBUZ_APP_ID/QOBUZ_APP_SECRET win over discovery: the web player is never fetched', async () => {
    const r = await cli('qoget', ['sync', `${box.root}/explicit`, '--quiet'], { ...box.env, QOBUZ_APP_ID: emu.appId, QOBUZ_APP_SECRET: emu.secret });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(/3 downloaded/)]);
    expect(emu.count('web/login') + emu.count('web/bundle')).toBe(0);
    expect(emu.count('track/getFileUrl')).toBe(3);
  });

  it('--json streams events, one JSON object per line, and ends with the summary', async () => {
    const dir = `${box.root}/json`;
    const r = await cli('qoget', ['sync', dir, '--json'], box.env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; downloaded?: unknown[] });
    expect(lines.map((l) => l.event)).toEqual(expect.arrayContaining(['plan', 'downloaded']));
    expect(lines.at(-1)).toMatchObject({ event: 'summary', total: 3, skipped: 0, failed: [] });
    expect(lines.at(-1)!.downloaded).toHaveLength(3);
  });
});
