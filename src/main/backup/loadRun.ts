// Reads a whole run back: its metadata and every likes/playlist file it lists, each checked against the sha256
// the run recorded. Files that fail are reported, not fatal.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { METADATA_FILE, type LikesFile, type PlaylistFile, type RunMetadata } from './format';
import { readBackupFile } from './readBackupFile';
import { readMetadata } from './runStore';

export interface LoadedRun {
  dir: string;
  metadata?: RunMetadata;
  likes?: LikesFile;
  playlists: PlaylistFile[];
  skipped: { file: string; reason: string }[];
}

export async function loadRun(dir: string): Promise<LoadedRun> {
  const metadata = await readMetadata(dir);
  const listed = metadata?.files.filter((f) => f.kind !== 'cover').map((f) => ({ name: f.name, sha: f.sha256 }));
  const names = listed ?? (await readdir(dir)).filter((n) => n.endsWith('.json') && n !== METADATA_FILE).map((name) => ({ name, sha: undefined }));
  return loadFiles(names.map((n) => ({ path: join(dir, n.name), sha256: n.sha })), dir, metadata);
}

export async function loadFiles(files: { path: string; sha256?: string }[], dir = '', metadata?: RunMetadata): Promise<LoadedRun> {
  const run: LoadedRun = { dir, metadata, playlists: [], skipped: [] };
  for (const f of files) {
    const r = await readBackupFile(f.path, f.sha256);
    if (!r.ok) run.skipped.push({ file: f.path, reason: r.reason });
    else if (r.kind === 'likes') run.likes = r.data;
    else run.playlists.push(r.data);
  }
  return run;
}
