// One backup run: likes and every playlist of an account into a new run folder (or the paused one, with
// --resume), each file written atomically and metadata.json last. One playlist failing makes the run partial;
// a sign-in or I/O failure stops it as failed; quota or a long wait pauses it (partial + paused, resumable).
// Unchanged playlists (same snapshot_id) and likes (same total and newest entry) are copied from the latest
// complete run after their sha256 checks out, so a re-run costs a handful of requests.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  coverFileName, createRunDir, LIKES_FILE, listAccountRuns, METADATA_FILE, playlistFileName, runsToPrune, sha256, toJson, writeFileAtomic,
  BACKUP_FORMAT, BACKUP_VERSION,
  type BackupSource, type FileRecord, type LikesFile, type PlaylistFile, type RunInfo, type RunMetadata, type SourcePlaylist,
} from '../../backup';
import { systemClock, type Clock } from '../../base';

export type BackupRunStatus = 'complete' | 'partial' | 'failed' | 'paused';

export interface BackupRunResult {
  status: BackupRunStatus;
  /** Absolute run folder ('' when the account could not even be identified). */
  run: string;
  likes: number;
  playlists: number;
  followed: number;
  failedPlaylists: string[];
  reusedPlaylists: number;
  requests: number;
  /** Why the run failed or paused, for the user. */
  reason?: string;
  /** sign_in when the failure was a sign-in problem (the CLI exits 3). */
  failureKind?: 'sign_in' | 'io' | 'other';
  notes: string[];
}

export interface BackupProgress {
  phase: 'likes' | 'playlists' | 'done';
  done: number;
  total: number;
  message: string;
}

export interface BackupRunOptions {
  source: BackupSource;
  /** The backups root; the run goes to <root>/<user id>/<time>/. */
  root: string;
  keepRuns: number;
  resume?: boolean;
  clock?: Clock;
  /** Playlists fetched at once (the account queue still caps requests in flight). */
  concurrency?: number;
  onProgress?(p: BackupProgress): void;
}

class IoFailure extends Error {}
class Stop extends Error {
  constructor(
    readonly kind: 'sign_in' | 'io' | 'pause' | 'other',
    message: string,
  ) {
    super(message);
  }
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function runBackup(o: BackupRunOptions): Promise<BackupRunResult> {
  const clock = o.clock ?? systemClock;
  const source = o.source;
  const requestsAtStart = source.requests();
  const notes: string[] = [];
  const result: BackupRunResult = { status: 'failed', run: '', likes: 0, playlists: 0, followed: 0, failedPlaylists: [], reusedPlaylists: 0, requests: 0, notes };
  const stopFor = (e: unknown): Stop => {
    if (e instanceof Stop) return e;
    if (e instanceof IoFailure) return new Stop('io', e.message);
    const k = source.classify(e);
    const msg = e instanceof Error ? e.message : String(e);
    return k === 'sign_in' ? new Stop('sign_in', msg) : k === 'pause' ? new Stop('pause', msg) : new Stop('other', msg);
  };

  let account: { userId: string; displayName: string };
  try {
    account = await source.account();
  } catch (e) {
    const s = stopFor(e);
    return { ...result, reason: s.message, failureKind: s.kind === 'sign_in' ? 'sign_in' : 'other', requests: source.requests() - requestsAtStart };
  }
  const accountDir = join(o.root, account.userId);
  let runs: RunInfo[];
  let dir: string;
  let resumed: RunMetadata | undefined;
  try {
    runs = await listAccountRuns(o.root, account.userId);
    const paused = o.resume ? runs.findLast((r) => r.state === 'paused') : undefined;
    if (o.resume && !paused) notes.push('No paused backup of this account to resume: starting a new run.');
    dir = paused?.dir ?? (await createRunDir(accountDir, clock.now()));
    resumed = paused?.metadata;
    result.run = dir;
  } catch (e) {
    return { ...result, reason: `Cannot write backups under ${o.root}: ${(e as Error).message}`, failureKind: 'io' };
  }
  const previous = runs.findLast((r) => r.state === 'complete' && r.dir !== dir);

  const files = new Map<string, FileRecord>();
  const errors: RunMetadata['errors'] = [];
  // A resumed run keeps what it already wrote — if the bytes are still the ones it recorded.
  for (const f of resumed?.files ?? []) {
    const bytes = await readFile(join(dir, f.name)).catch(() => undefined);
    if (bytes && sha256(bytes) === f.sha256) files.set(f.name, f);
  }
  const md: RunMetadata = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    provider: source.provider,
    kind: 'metadata',
    account,
    startedAt: resumed?.startedAt ?? iso(clock.now()),
    finishedAt: null,
    status: 'partial',
    paused: false,
    files: [],
    errors,
    requests: 0,
    ...(resumed?.likes ? { likes: resumed.likes } : {}),
  };

  const write = async (name: string, data: Buffer | string, rec: Omit<FileRecord, 'name' | 'sha256' | 'bytes'>) => {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    try {
      await writeFileAtomic(join(dir, name), bytes);
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw new IoFailure(`Could not write ${join(dir, name)} (${code ?? (e as Error).message})${code === 'ENOSPC' ? ': the disk is full' : code === 'EACCES' || code === 'EPERM' ? ': no permission' : ''}.`);
    }
    files.set(name, { name, sha256: sha256(bytes), bytes: bytes.length, ...rec });
  };
  /** The bytes of a file of the previous complete run, if they still match its recorded sha256. */
  const fromPrevious = async (rec: FileRecord | undefined): Promise<Buffer | undefined> => {
    if (!rec || !previous) return undefined;
    const bytes = await readFile(join(previous.dir, rec.name)).catch(() => undefined);
    return bytes && sha256(bytes) === rec.sha256 ? bytes : undefined;
  };
  const prevFiles = new Map((previous?.metadata?.files ?? []).map((f) => [f.name, f]));

  let stop: Stop | undefined;
  try {
    // ---- likes
    if (!files.has(LIKES_FILE)) {
      o.onProgress?.({ phase: 'likes', done: 0, total: 1, message: 'Reading likes' });
      const probe = await source.likesProbe();
      md.likes = probe;
      const prevLikes = previous?.metadata?.likes;
      const reuse = prevLikes && prevLikes.total === probe.total && prevLikes.newestAddedAt === probe.newestAddedAt ? await fromPrevious(prevFiles.get(LIKES_FILE)) : undefined;
      if (reuse) {
        await write(LIKES_FILE, reuse, { kind: 'likes', items: prevFiles.get(LIKES_FILE)?.items, reusedFrom: previous?.name });
      } else {
        const items = await source.likes();
        const file: LikesFile = { format: BACKUP_FORMAT, version: BACKUP_VERSION, provider: source.provider, kind: 'likes', userId: account.userId, items };
        await write(LIKES_FILE, toJson(file), { kind: 'likes', items: items.length });
      }
    }
    result.likes = files.get(LIKES_FILE)?.items ?? 0;

    // ---- playlists
    const playlists = await source.playlists();
    let done = 0;
    const backUpOne = async (p: SourcePlaylist) => {
      const name = playlistFileName(p.id);
      if (files.has(name)) return;
      if (p.access === 'follower') return writeReference(p, name);
      const prev = prevFiles.get(name);
      if (prev && p.snapshotId && prev.snapshotId === p.snapshotId) {
        const bytes = await fromPrevious(prev);
        const coverName = coverFileName(p.id);
        const prevCover = prevFiles.get(coverName);
        const coverBytes = prevCover ? await fromPrevious(prevCover) : undefined;
        if (bytes && (!prevCover || coverBytes)) {
          if (prevCover && coverBytes) await write(coverName, coverBytes, { kind: 'cover', playlistId: p.id, reusedFrom: previous?.name });
          await write(name, bytes, { kind: 'playlist', items: prev.items, playlistId: p.id, snapshotId: p.snapshotId, reusedFrom: previous?.name });
          result.reusedPlaylists++;
          return;
        }
      }
      let items;
      try {
        items = await source.playlistItems(p.id);
      } catch (e) {
        if (source.classify(e) === 'not_readable') return writeReference(p, name);
        throw e;
      }
      let cover: string | null = null;
      if (p.coverUrl) {
        const bytes = await source.cover(p.coverUrl);
        cover = coverFileName(p.id);
        await write(cover, bytes, { kind: 'cover', playlistId: p.id });
      }
      const file: PlaylistFile = { ...playlistHeader(p), cover, items };
      await write(name, toJson(file), { kind: 'playlist', items: items.length, playlistId: p.id, snapshotId: p.snapshotId });
    };
    const writeReference = async (p: SourcePlaylist, name: string) => {
      const file: PlaylistFile = { ...playlistHeader(p), access: 'follower', cover: null };
      await write(name, toJson(file), { kind: 'playlist', playlistId: p.id, snapshotId: p.snapshotId });
    };
    const playlistHeader = (p: SourcePlaylist) => ({
      format: BACKUP_FORMAT, version: BACKUP_VERSION, provider: source.provider, kind: 'playlist' as const,
      id: p.id, uri: p.uri, name: p.name, description: p.description, public: p.public, collaborative: p.collaborative,
      owner: p.owner, access: p.access, snapshotId: p.snapshotId,
    });

    const queue = [...playlists];
    const worker = async () => {
      for (let p = queue.shift(); p && !stop; p = queue.shift()) {
        try {
          await backUpOne(p);
        } catch (e) {
          const s = stopFor(e);
          if (s.kind === 'other') {
            errors.push({ file: playlistFileName(p.id), playlistId: p.id, code: (e as { code?: string }).code ?? 'internal', message: s.message });
            result.failedPlaylists.push(p.id);
          } else {
            stop ??= s;
          }
        }
        done++;
        o.onProgress?.({ phase: 'playlists', done, total: playlists.length, message: p.name });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 4) }, worker));
  } catch (e) {
    stop ??= stopFor(e);
  }

  // ---- metadata.json, last
  for (const f of files.values()) {
    if (f.kind !== 'playlist') continue;
    if (f.items === undefined) result.followed++;
    else result.playlists++;
  }
  result.requests = source.requests() - requestsAtStart;
  md.requests = (resumed?.requests ?? 0) + result.requests;
  md.files = [...files.values()].sort((a, b) => a.name.localeCompare(b.name));
  if (stop?.kind === 'pause') {
    md.status = 'partial';
    md.paused = true;
    md.pauseReason = stop.message;
    result.status = 'paused';
  } else if (stop) {
    md.status = 'failed';
    md.failure = stop.message;
    result.status = 'failed';
    result.failureKind = stop.kind === 'sign_in' ? 'sign_in' : stop.kind === 'io' ? 'io' : 'other';
  } else {
    md.status = errors.length ? 'partial' : 'complete';
    result.status = md.status;
  }
  if (stop) result.reason = stop.message;
  md.finishedAt = stop?.kind === 'pause' ? null : iso(clock.now());
  try {
    await writeFileAtomic(join(dir, METADATA_FILE), toJson(md));
  } catch (e) {
    return { ...result, status: 'failed', failureKind: 'io', reason: `Could not write ${join(dir, METADATA_FILE)}: ${(e as Error).message}` };
  }
  o.onProgress?.({ phase: 'done', done: 1, total: 1, message: result.status });

  if (result.status === 'complete') {
    const all = await listAccountRuns(o.root, account.userId);
    for (const r of runsToPrune(all, o.keepRuns)) {
      await rm(r.dir, { recursive: true, force: true });
      notes.push(`Removed the old run ${r.name} (keeping the last ${o.keepRuns} complete runs).`);
    }
  }
  return result;
}
