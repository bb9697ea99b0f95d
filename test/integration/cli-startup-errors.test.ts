// Start-up errors as a user meets them, in child processes: a damaged or newer catalog, a folder under /proc, a
// host bound beyond loopback. One line on stderr naming the file and what to do, a non-zero exit, no stack trace.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/testCore';

const root = join(__dirname, '..', '..');
const entries = {
  cassette: join(root, 'src', 'cli', 'cassette.ts'),
  qoget: join(root, 'src', 'cli', 'qoget.ts'),
  serve: join(root, 'src', 'server', 'main.ts'),
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (or until `until` shows up on stdout, then SIGTERM). */
function run(entry: keyof typeof entries, args: string[], env: Record<string, string>, until?: RegExp): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entries[entry], ...args], {
      cwd: root,
      env: { ...process.env, QOBUZ_TOKEN: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (until?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');

function expectOneLineError(r: Run, ...patterns: RegExp[]): void {
  expect(r.code, r.stderr).not.toBe(0);
  expect(r.code).not.toBeNull();
  const errs = lines(r.stderr);
  expect(errs, r.stderr).toHaveLength(1);
  expect(errs[0]).toMatch(/^error: /);
  for (const p of patterns) expect(errs[0]).toMatch(p);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

describe('a catalog that cannot be used', () => {
  it('damaged: every command names the file and says what to do', async () => {
    const catalog = join(dir, 'catalog.db');
    await writeFile(catalog, Buffer.alloc(8192, 0x41));
    const env = { CASSETTE_DATA_DIR: dir };
    for (const [entry, args] of [['cassette', ['status']], ['qoget', ['sync', join(dir, 'Qobuz')]], ['serve', ['--port', '0']]] as const) {
      const r = await run(entry, [...args], env, /Cassette is running/);
      expectOneLineError(r, new RegExp(catalog.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), /damaged/, /Move it aside|backup/);
    }
  });

  it('written by a newer Cassette: the same, with what to update', async () => {
    const catalog = join(dir, 'catalog.db');
    const db = new Database(catalog);
    db.pragma('user_version = 999');
    db.close();
    const env = { CASSETTE_DATA_DIR: dir };
    for (const [entry, args] of [['cassette', ['status']], ['serve', ['--port', '0']]] as const) {
      const r = await run(entry, [...args], env, /Cassette is running/);
      expectOneLineError(r, /newer version of Cassette/, /Update Cassette/, new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    }
  });
});

describe('a data folder under /proc', () => {
  it('is refused with one line instead of hanging in mkdir', async () => {
    const r = await run('cassette', ['status'], { CASSETTE_DATA_DIR: '/proc/sys/cassette-test-data' });
    expectOneLineError(r, /\/proc\/sys\/cassette-test-data cannot be created/, /CASSETTE_DATA_DIR/);
  });
});

describe('folders named on the command line', () => {
  it('qoget sync /proc/sys refuses at once (exit 2) instead of hanging', async () => {
    const r = await run('qoget', ['sync', '/proc/sys'], { CASSETTE_DATA_DIR: dir });
    expectOneLineError(r, /\/proc/, /choose a folder on a disk/);
    expect(r.code).toBe(2);
  });

  it('cassette import refuses /proc and a missing folder (exit 2)', async () => {
    for (const folder of ['/proc', join(dir, 'missing')]) {
      const r = await run('cassette', ['import', folder], { CASSETTE_DATA_DIR: dir });
      expectOneLineError(r, /The folder to import/);
      expect(r.code).toBe(2);
    }
  });
});

describe('npm run serve', () => {
  it('warns when it listens beyond this machine, and not on loopback', async () => {
    const env = { CASSETTE_DATA_DIR: dir, CASSETTE_TOKEN: 'serve-warning-token' };
    const wide = await run('serve', ['--host', '0.0.0.0', '--port', '0'], env, /Cassette is running/);
    expect(wide.stdout).toMatch(/Cassette is running/);
    expect(wide.stderr).toMatch(/warning: listening on 0\.0\.0\.0/);
    const local = await run('serve', ['--port', '0'], env, /Cassette is running/);
    expect(local.stdout).toMatch(/Cassette is running/);
    expect(local.stderr).not.toMatch(/warning: listening/);
  });
});
