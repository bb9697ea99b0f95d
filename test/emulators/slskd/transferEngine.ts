// Downloads as slskd tracks them: one Transfer per (user, file) with a GUID, moving Requested → Queued, Remotely →
// Initializing → InProgress → Completed, <outcome>, and the real bytes written progressively to
// <downloadsDir>/<remote parent folder>/<file name> (renamed with a `_<ticks>` suffix if that name is taken).
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { PeerSpec, SharedFile } from './catalogue';
import { deliveredAudio, localRelativePath, remoteDirectory } from './catalogue';
import type { ToneCache } from './toneCache';
import { compact, isoTime, newGuid, timeSpan } from './wire';

export interface TransferRecord {
  id: string;
  username: string;
  filename: string;
  size: number;
  state: string;
  requestedAt: number;
  enqueuedAt?: number;
  startedAt?: number;
  endedAt?: number;
  bytesTransferred: number;
  averageSpeed: number;
  placeInQueue?: number;
  exception?: string;
  removed: boolean;
  /** Where the emulator is writing (or wrote) the file. */
  localPath?: string;
  // internals
  peer?: PeerSpec;
  file?: SharedFile;
  bytes?: Buffer;
  written: number;
  phaseUntil: number;
  lastTickAt: number;
  fd?: number;
}

export interface TransferEngineOptions {
  downloadsDir: string;
  peers: () => PeerSpec[];
  tones: ToneCache;
  tickMs: number;
  requestedMs: number;
  transferBytesPerSec: () => number;
}

const TERMINAL = 'Completed';
export const isTerminal = (t: TransferRecord): boolean => t.state.startsWith(TERMINAL);

export class TransferEngine {
  readonly transfers = new Map<string, TransferRecord>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly o: TransferEngineOptions) {
    this.timer = setInterval(() => this.tick(), o.tickMs);
  }

  /** Enqueues one file; returns undefined (→ `failed`) when the same file from the same user is already active. */
  async enqueue(username: string, filename: string, size: number): Promise<TransferRecord | undefined> {
    const dup = [...this.transfers.values()].find(
      (t) => !t.removed && !isTerminal(t) && t.username === username && t.filename === filename,
    );
    if (dup) return undefined;
    const peer = this.o.peers().find((p) => p.username === username);
    const file = peer?.files.find((f) => f.path === filename);
    const now = Date.now();
    const rec: TransferRecord = {
      id: newGuid(),
      username,
      filename,
      size,
      state: 'Requested',
      requestedAt: now,
      bytesTransferred: 0,
      averageSpeed: 0,
      removed: false,
      peer,
      file,
      written: 0,
      phaseUntil: now + this.o.requestedMs,
      lastTickAt: now,
    };
    if (file) rec.bytes = await this.o.tones.bytes(deliveredAudio(file));
    this.transfers.set(rec.id, rec);
    return rec;
  }

  /** DELETE: cancels (leaving any partial file, as slskd does) and optionally forgets the transfer. */
  cancel(rec: TransferRecord, remove: boolean): void {
    if (!isTerminal(rec)) this.finish(rec, 'Cancelled', 'Transfer cancelled');
    if (remove) rec.removed = true;
  }

  close(): void {
    clearInterval(this.timer);
    for (const t of this.transfers.values()) this.closeFile(t);
  }

  private tick(): void {
    const now = Date.now();
    for (const t of this.transfers.values()) {
      if (isTerminal(t)) continue;
      try {
        this.advance(t, now);
      } catch (e) {
        this.finish(t, 'Errored', e instanceof Error ? e.message : String(e));
      }
    }
  }

  private advance(t: TransferRecord, now: number): void {
    const { peer, file } = t;
    switch (t.state) {
      case 'Requested': {
        if (now < t.phaseUntil) return;
        if (!peer) return this.finish(t, 'Errored', `User ${t.username} appears to be offline`);
        if (!file || file.locked || !t.bytes) return this.finish(t, 'Rejected', 'File not shared.');
        if (file.behaviour.kind === 'reject') return this.finish(t, 'Rejected', file.behaviour.reason ?? 'File not shared.');
        if (file.behaviour.kind === 'timeout') return this.finish(t, 'TimedOut', 'Transfer timed out');
        t.state = 'Queued, Remotely';
        t.enqueuedAt = now;
        t.placeInQueue = peer.queueLength > 0 ? peer.queueLength : undefined;
        t.phaseUntil = now + peer.queueMs;
        return;
      }
      case 'Queued, Remotely': {
        if (now < t.phaseUntil) return;
        t.state = 'Initializing';
        t.placeInQueue = undefined;
        t.size = t.bytes?.length ?? t.size;
        t.localPath = this.chooseLocalPath(t.filename);
        mkdirSync(join(t.localPath, '..'), { recursive: true });
        t.fd = openSync(t.localPath, 'w');
        return;
      }
      case 'Initializing': {
        t.state = 'InProgress';
        t.startedAt = now;
        t.lastTickAt = now;
        return;
      }
      case 'InProgress': {
        const b = file?.behaviour;
        const speed = peer?.transferBytesPerSec ?? this.o.transferBytesPerSec();
        const step = Math.max(1, Math.round((speed * (now - t.lastTickAt)) / 1000));
        t.lastTickAt = now;
        const limit =
          b?.kind === 'stall' ? Math.floor((t.size * b.atPercent) / 100)
          : b?.kind === 'error' ? Math.floor((t.size * (b.atPercent ?? 30)) / 100)
          : t.size;
        t.bytesTransferred = Math.min(limit, t.bytesTransferred + step);
        const keep = b?.kind === 'truncate' ? Math.floor((t.size * b.keepPercent) / 100) : t.size;
        this.writeUpTo(t, Math.min(keep, t.bytesTransferred));
        t.averageSpeed = t.bytesTransferred / Math.max(0.001, (now - (t.startedAt ?? now)) / 1000);
        if (t.bytesTransferred >= t.size) return this.finish(t, 'Succeeded');
        if (b?.kind === 'error' && t.bytesTransferred >= limit) {
          return this.finish(t, 'Errored', b.message ?? 'Remote connection closed');
        }
        return;
      }
    }
  }

  private writeUpTo(t: TransferRecord, upTo: number): void {
    if (t.fd === undefined || !t.bytes || upTo <= t.written) return;
    writeSync(t.fd, t.bytes, t.written, upTo - t.written, t.written);
    t.written = upTo;
  }

  private finish(t: TransferRecord, outcome: string, exception?: string): void {
    t.state = `${TERMINAL}, ${outcome}`;
    t.endedAt = Date.now();
    t.placeInQueue = undefined;
    if (exception) t.exception = exception;
    this.closeFile(t);
  }

  private closeFile(t: TransferRecord): void {
    if (t.fd !== undefined) {
      closeSync(t.fd);
      t.fd = undefined;
    }
  }

  private chooseLocalPath(remote: string): string {
    const { folder, name } = localRelativePath(remote);
    const target = join(this.o.downloadsDir, folder, name);
    if (!existsSync(target)) return target;
    const ext = extname(name);
    const ticks = BigInt(Date.now()) * 10_000n + 621_355_968_000_000_000n;
    return join(this.o.downloadsDir, folder, `${name.slice(0, name.length - ext.length)}_${ticks}${ext}`);
  }
}

/** The Transfer object as slskd serialises it. */
export function transferToWire(t: TransferRecord) {
  const now = Date.now();
  return compact({
    id: t.id,
    username: t.username,
    direction: 'Download',
    filename: t.filename,
    size: t.size,
    startOffset: 0,
    state: t.state,
    stateDescription: t.state,
    requestedAt: isoTime(t.requestedAt),
    enqueuedAt: isoTime(t.enqueuedAt),
    startedAt: isoTime(t.startedAt),
    endedAt: isoTime(t.endedAt),
    bytesTransferred: t.bytesTransferred,
    averageSpeed: t.averageSpeed,
    placeInQueue: t.placeInQueue,
    exception: t.exception,
    attempts: 0,
    bytesRemaining: t.size - t.bytesTransferred,
    elapsedTime: t.startedAt === undefined ? undefined : timeSpan((t.endedAt ?? now) - t.startedAt),
    percentComplete: t.size === 0 ? 0 : (t.bytesTransferred / t.size) * 100,
    remainingTime: t.averageSpeed === 0 ? undefined : timeSpan(((t.size - t.bytesTransferred) / t.averageSpeed) * 1000),
  });
}

/** GET /transfers/downloads: grouped by user, then by remote directory, like slskd's UserResponse/DirectoryResponse. */
export function groupByUserAndDirectory(transfers: TransferRecord[]) {
  const users = new Map<string, Map<string, TransferRecord[]>>();
  for (const t of transfers) {
    const dirs = users.get(t.username) ?? new Map<string, TransferRecord[]>();
    users.set(t.username, dirs);
    const dir = remoteDirectory(t.filename);
    dirs.set(dir, [...(dirs.get(dir) ?? []), t]);
  }
  return [...users].map(([username, dirs]) => ({
    username,
    directories: [...dirs].map(([directory, files]) => ({
      directory,
      fileCount: files.length,
      files: files.map(transferToWire),
    })),
  }));
}
