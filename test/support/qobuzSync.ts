// Builders for Qobuz purchase-sync tests: an isolated data dir, config dir and music folder, a core wired to a
// Qobuz emulator through the same environment variables a user sets, fast retry settings, and the checks every
// test makes of a downloaded file (it plays, for as long as the track lasts).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCore, pathsFor, silentLogger, type Core, type CoreConfig, type Logger } from '../../src/main/core';
import type { QobuzTransferOptions } from '../../src/main/sources';
import type { QobuzEmulator } from '../emulators/qobuz';

const run = promisify(execFile);
export const REPO = join(__dirname, '..', '..');

export const FAST_TRANSFER: QobuzTransferOptions = { backoff: { baseMs: 5, maxMs: 40 }, maxAttempts: 5, idleTimeoutMs: 5_000 };
export const FAST_CLIENT = { requestsPerSecond: 200, backoffLimitMs: 50, retries: 3 };

export interface SyncSandbox {
  root: string;
  dataDir: string;
  configHome: string;
  musicDir: string;
  configPath: string;
  /** The environment a user of this emulator would set. */
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

export async function syncSandbox(emu: QobuzEmulator, extraEnv: NodeJS.ProcessEnv = {}): Promise<SyncSandbox> {
  const root = await mkdtemp(join(tmpdir(), 'qobuz-sync-'));
  const dataDir = join(root, 'data');
  const configHome = join(root, 'config');
  const musicDir = join(root, 'Music', 'Qobuz');
  await mkdir(dataDir, { recursive: true });
  return {
    root,
    dataDir,
    configHome,
    musicDir,
    configPath: join(configHome, 'qoget', 'config.toml'),
    env: {
      QOBUZ_TOKEN: emu.token,
      QOBUZ_API_BASE: emu.apiBase,
      QOBUZ_WEB_BASE: emu.webBase,
      XDG_CONFIG_HOME: configHome,
      CASSETTE_DATA_DIR: dataDir,
      ...extraEnv,
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

export async function writeConfig(s: SyncSandbox, toml: string, mode = 0o600): Promise<void> {
  await mkdir(join(s.configHome, 'qoget'), { recursive: true });
  await writeFile(s.configPath, toml);
  await chmod(s.configPath, mode);
}

export interface LogLines extends Logger {
  lines: string[];
}

export function captureLogger(): LogLines {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info: ${m}`), warn: (m) => lines.push(`warn: ${m}`), error: (m) => lines.push(`error: ${m}`) };
}

/** A core like the CLI's (one-shot, crash recovery on), talking to the emulator with fast retries. */
export function openSyncCore(s: SyncSandbox, o: { env?: NodeJS.ProcessEnv; transfer?: QobuzTransferOptions; logger?: Logger; config?: Partial<CoreConfig> } = {}): Core {
  return createCore(
    { paths: pathsFor(s.dataDir), logger: o.logger ?? silentLogger },
    {
      host: 'test', runQueue: false, reconcileOnStart: false, recoverOnStart: true,
      qobuz: { env: o.env ?? s.env, configPath: s.configPath, client: FAST_CLIENT, transfer: o.transfer ?? FAST_TRANSFER },
      ...o.config,
    },
  );
}

/** Every file under dir, relative, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
  } catch {
    return [];
  }
}

/** ffprobe's duration of a file that also decodes without a single error (playable). */
export async function playableDuration(path: string): Promise<number> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_name,bit_rate', '-of', 'json', path]);
  const j = JSON.parse(stdout) as { format: { duration: string }; streams: { codec_name: string; bit_rate: string }[] };
  if (j.streams[0]?.codec_name !== 'mp3') throw new Error(`${path} is ${j.streams[0]?.codec_name}, not MP3`);
  const { stderr } = await run('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-']);
  if (stderr.trim() !== '') throw new Error(`${path} does not decode cleanly: ${stderr.trim().split('\n')[0]}`);
  return Number(j.format.duration);
}

/** `mid3v2 --list-raw`-free view of the ID3 frames as mutagen (an independent reader) sees them. */
export async function id3Frames(path: string): Promise<string> {
  const { stdout } = await run('mid3v2', ['--list', path]);
  return stdout;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a CLI entry (src/cli/<name>.ts) in a child process with the sandbox environment. */
export function cli(name: 'qoget' | 'cassette', args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> & { child: ChildProcess } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli', `${name}.ts`), ...args], {
    cwd: REPO,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return Object.assign(done, { child });
}

/** Resolves when `predicate` holds for the output so far. */
export function waitForOutput(
  child: ChildProcess,
  predicate: (out: string) => boolean,
  o: { stream?: 'stdout' | 'stderr'; timeoutMs?: number } = {},
): Promise<string> {
  const stream = o.stream === 'stderr' ? child.stderr! : child.stdout!;
  const timeoutMs = o.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`timed out waiting for output; got:\n${out.slice(-2000)}`)), timeoutMs);
    const on = (d: Buffer) => {
      out += d.toString();
      if (predicate(out)) {
        clearTimeout(t);
        stream.off('data', on);
        resolve(out);
      }
    };
    stream.on('data', on);
    child.once('close', () => {
      clearTimeout(t);
      reject(new Error(`the child exited before the expected output; got:\n${out.slice(-2000)}`));
    });
  });
}
