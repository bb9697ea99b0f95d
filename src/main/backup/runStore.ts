// Backup runs on disk: `<root>/<user id>/<UTC time>[-N]/` holding metadata.json (written last) and the files it
// lists. State lives in these files only; a run folder without metadata.json is one that was interrupted.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { metadataSchema, METADATA_FILE, type RunMetadata } from './format';

const RUN_NAME = /^(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ)(?:-(\d+))?$/;

export type RunState = 'complete' | 'partial' | 'failed' | 'paused' | 'interrupted';

export interface RunInfo {
  dir: string;
  userId: string;
  name: string;
  state: RunState;
  metadata?: RunMetadata;
}

/** `2025-01-15T22-40-00Z`: UTC, seconds, safe in every file system. */
export function runDirName(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

/** Creates the run folder; a second run in the same second gets `-2` (then `-3`, ...). */
export async function createRunDir(accountDir: string, nowMs: number): Promise<string> {
  await mkdir(accountDir, { recursive: true });
  const base = runDirName(nowMs);
  for (let n = 1; ; n++) {
    const dir = join(accountDir, n === 1 ? base : `${base}-${n}`);
    try {
      await mkdir(dir);
      return dir;
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
  }
}

export async function readMetadata(runDir: string): Promise<RunMetadata | undefined> {
  let text: string;
  try {
    text = await readFile(join(runDir, METADATA_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function runState(m: RunMetadata | undefined): RunState {
  if (!m) return 'interrupted';
  if (m.paused) return 'paused';
  return m.status;
}

/** Runs of one account, oldest first. */
export async function listAccountRuns(root: string, userId: string): Promise<RunInfo[]> {
  const accountDir = join(root, userId);
  let names: string[];
  try {
    names = (await readdir(accountDir, { withFileTypes: true })).filter((d) => d.isDirectory() && RUN_NAME.test(d.name)).map((d) => d.name);
  } catch {
    return [];
  }
  names.sort(compareRunNames);
  const out: RunInfo[] = [];
  for (const name of names) {
    const dir = join(accountDir, name);
    const metadata = await readMetadata(dir);
    out.push({ dir, userId, name, state: runState(metadata), metadata });
  }
  return out;
}

/** Every account's runs under the root, oldest first per account. */
export async function listRuns(root: string): Promise<RunInfo[]> {
  let users: string[];
  try {
    users = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return [];
  }
  const all: RunInfo[] = [];
  for (const u of users) all.push(...(await listAccountRuns(root, u)));
  return all;
}

export function compareRunNames(a: string, b: string): number {
  const ma = RUN_NAME.exec(a);
  const mb = RUN_NAME.exec(b);
  if (!ma || !mb) return a.localeCompare(b);
  return (ma[1] ?? '').localeCompare(mb[1] ?? '') || Number(ma[2] ?? 1) - Number(mb[2] ?? 1);
}
