// Interruptions and sign-in from the command line: a `qoget sync` killed with SIGKILL mid-download leaves no
// visible partial file and the next run resumes cleanly; SIGTERM (like Ctrl-C) stops cleanly with nothing partial
// left; `qoget login` signs in through the browser redirect and stores the token (0600), which the environment's
// token overrides; `qoget logout` forgets it.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isPartFile } from '../../src/main/library';
import { FOLDER_LOCK_FILE } from '../../src/main/flows/qobuzSync';
import { qobuzLibrary, startQobuzEmulator, type QobuzEmulator } from '../emulators/qobuz';
import { cli, filesUnder, playableDuration, syncSandbox, waitForOutput, writeConfig, type SyncSandbox } from '../support/qobuzSync';

let emu: QobuzEmulator;
const boxes: SyncSandbox[] = [];

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

async function expectResumedAndComplete(box: SyncSandbox): Promise<void> {
  const again = await cli('qoget', ['sync', box.musicDir], box.env);
  expect(again.code, again.stderr).toBe(0);
  const files = await filesUnder(box.musicDir);
  expect(files).toEqual([
    'Arc Lamp/B-Sides/01 - Tollbooth.mp3', 'Arc Lamp/Night Drive/01 - Ignition.mp3', 'Arc Lamp/Night Drive/02 - Overpass.mp3', 'Arc Lamp/Night Drive/03 - Exit 9.mp3',
  ]);
  for (const f of files) {
    const want = emu.library.trackByTitle(/\d\d - (.+)\.mp3$/.exec(f)![1]!).durationSec;
    expect(Math.abs((await playableDuration(join(box.musicDir, f))) - want)).toBeLessThan(1);
  }
}

describe('interrupted syncs', () => {
  it('SIGKILL mid-download: no visible partial file; the next run resumes and completes', async () => {
    const box = await sandbox();
    emu.setBandwidth({ bytesPerSec: 150_000 });
    const run = cli('qoget', ['sync', box.musicDir, '--json'], box.env);
    await waitForOutput(run.child, downloading);
    run.child.kill('SIGKILL');
    expect((await run).signal).toBe('SIGKILL');
    const left = await filesUnder(box.musicDir);
    // Only part files (beside their targets) and the dead run's folder lock can remain: no file under its
    // final name is half-written. The next run takes the stale lock over.
    expect(left).toContain(FOLDER_LOCK_FILE);
    expect(left.length).toBeGreaterThan(1);
    expect(left.every((f) => f === FOLDER_LOCK_FILE || isPartFile(f))).toBe(true);
    emu.setBandwidth({});
    await expectResumedAndComplete(box);
  });

  it('SIGTERM (as Ctrl-C) stops cleanly: exit 130, nothing partial left, the rest queued; the next run resumes', async () => {
    const box = await sandbox();
    emu.setBandwidth({ bytesPerSec: 150_000 });
    const run = cli('qoget', ['sync', box.musicDir], { ...box.env });
    await waitForOutput(run.child, (out) => /4 to download/.test(out));
    await new Promise((r) => setTimeout(r, 700));
    run.child.kill('SIGTERM');
    const r = await run;
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/Interrupted: 4 track\(s\) left queued; run the sync again to resume/);
    expect(await filesUnder(box.musicDir)).toEqual([]);
    emu.setBandwidth({});
    await expectResumedAndComplete(box);
  });
});

describe('qoget login', () => {
  it('signs in through the browser redirect, stores the token 0600, and later syncs use it; the environment wins; logout forgets it', async () => {
    const box = await sandbox();
    const env = { ...box.env, QOBUZ_TOKEN: '' };
    const login = cli('qoget', ['login', '--no-browser', '--timeout', '20'], env);
    const err = await waitForOutput(login.child, (out) => /signin\/oauth\?\S+/.test(out), { stream: 'stderr' });
    const url = /(http\S+signin\/oauth\?\S+)/.exec(err)![1]!;
    // What the browser does: Qobuz's sign-in page redirects to the loopback address with the code.
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(302);
    const back = await fetch(page.headers.get('location')!);
    expect(back.status).toBe(200);
    const r = await login;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Signed in to Qobuz as cassette-user/);
    expect(r.stderr.match(/No OS keychain/g)).toHaveLength(1);
    expect(r.stderr + r.stdout).not.toContain(emu.token);

    const file = join(box.dataDir, 'headless-secrets.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ 'qobuz.token': emu.token });

    expect((await cli('qoget', ['sync', box.musicDir, '--dry-run'], env)).code).toBe(0);
    expect((await cli('qoget', ['sync', box.musicDir, '--dry-run'], { ...env, QOBUZ_TOKEN: 'stale' })).code).toBe(3);

    expect((await cli('qoget', ['logout'], env)).code).toBe(0);
    const after = await cli('qoget', ['sync', box.musicDir, '--dry-run'], env);
    expect(after.code).toBe(3);
    expect(after.stderr).toMatch(/No Qobuz credentials/);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({});
  });
});
