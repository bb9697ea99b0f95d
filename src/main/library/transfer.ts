// Moves a finished file into the library without ever leaving a half-written file at the destination:
// a rename on the same volume, or copy → verify → rename across volumes, with roll-back on failure.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DownloadError } from '../base';
import { fsErrorCode } from './fsErrorCode';
import { partPathFor } from './partFile';

export type TransferErrorCode = 'source_missing' | 'dest_exists' | 'verify_failed' | 'disk_full' | 'io';

/** A failed move; `type` is always 'storage' for the retry policy, `code` says what exactly went wrong. */
export class TransferError extends DownloadError {
  constructor(
    readonly code: TransferErrorCode,
    message: string,
  ) {
    super('storage', message);
    this.name = 'TransferError';
  }
}

/** The file-system calls a move makes; injectable so tests can simulate EXDEV, full disks and bad copies. */
export interface TransferFs {
  rename(from: string, to: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ size: number; isFile(): boolean }>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  sha256(path: string): Promise<string>;
}

export interface MoveOptions {
  /** Replace an existing, different file at `dest`. Default false: that is an error ('dest_exists'). */
  overwrite?: boolean;
  /** After a cross-volume copy, compare sizes (default) or sizes and SHA-256. */
  verify?: 'size' | 'sha256';
  fs?: Partial<TransferFs>;
}

export interface MoveResult {
  path: string;
  /** rename: same volume; copy: copied across volumes; already-present: identical file was there already. */
  method: 'rename' | 'copy' | 'already-present';
  sizeBytes: number;
  /** False only when the file arrived but the source could not be deleted afterwards. */
  sourceRemoved: boolean;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

const nodeFs: TransferFs = {
  rename: (from, to) => fsp.rename(from, to),
  copyFile: (from, to) => fsp.copyFile(from, to),
  unlink: (path) => fsp.unlink(path),
  stat: (path) => fsp.stat(path),
  mkdir: (path, options) => fsp.mkdir(path, options),
  sha256: sha256File,
};

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function storageError(action: string, err: unknown): TransferError {
  if (err instanceof TransferError) return err;
  const code = fsErrorCode(err);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new TransferError('disk_full', `${action}: the disk is full. Free some space and retry.`);
  }
  return new TransferError('io', `${action}: ${describe(err)}`);
}

async function statOrUndefined(fs: TransferFs, path: string): Promise<{ size: number; isFile(): boolean } | undefined> {
  try {
    return await fs.stat(path);
  } catch (err) {
    if (fsErrorCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}

async function removeQuietly(fs: TransferFs, path: string): Promise<boolean> {
  try {
    await fs.unlink(path);
    return true;
  } catch (err) {
    return fsErrorCode(err) === 'ENOENT';
  }
}

/**
 * Moves `src` to `dest`, creating parent folders. Same volume: one atomic rename. Across volumes (EXDEV): copy
 * to `dest.part`, verify, rename into place, then delete `src`. On failure the partial copy is removed and `src`
 * is left as it was. An identical file already at `dest` counts as success (the source is removed).
 */
export async function moveFileAtomic(src: string, dest: string, options: MoveOptions = {}): Promise<MoveResult> {
  const fs: TransferFs = { ...nodeFs, ...options.fs };
  const from = resolve(src);
  const to = resolve(dest);
  const action = `Could not move ${from} to ${to}`;

  const source = await statOrUndefined(fs, from).catch((err: unknown) => {
    throw storageError(action, err);
  });
  if (!source || !source.isFile()) throw new TransferError('source_missing', `${action}: the source file is missing.`);
  if (from === to) return { path: to, method: 'already-present', sizeBytes: source.size, sourceRemoved: false };

  try {
    await fs.mkdir(dirname(to), { recursive: true });
    const existing = await statOrUndefined(fs, to);
    if (existing && !options.overwrite) {
      const identical =
        existing.isFile() && existing.size === source.size && (await fs.sha256(to)) === (await fs.sha256(from));
      if (!identical) {
        throw new TransferError('dest_exists', `${action}: a different file already exists there.`);
      }
      return { path: to, method: 'already-present', sizeBytes: source.size, sourceRemoved: await removeQuietly(fs, from) };
    }
  } catch (err) {
    throw storageError(action, err);
  }

  try {
    await fs.rename(from, to);
    return { path: to, method: 'rename', sizeBytes: source.size, sourceRemoved: true };
  } catch (err) {
    if (fsErrorCode(err) !== 'EXDEV') throw storageError(action, err);
  }

  // Across volumes. A source that is itself dest.part never needs this path, but never copy a file onto itself.
  const staging = partPathFor(to) === from ? `${to}.transfer.part` : partPathFor(to);
  try {
    await fs.copyFile(from, staging);
    const copied = await fs.stat(staging);
    if (copied.size !== source.size) {
      throw new TransferError('verify_failed', `${action}: the copy has ${copied.size} bytes instead of ${source.size}.`);
    }
    if (options.verify === 'sha256' && (await fs.sha256(staging)) !== (await fs.sha256(from))) {
      throw new TransferError('verify_failed', `${action}: the copy differs from the original (SHA-256).`);
    }
    await fs.rename(staging, to);
  } catch (err) {
    await removeQuietly(fs, staging);
    throw storageError(action, err);
  }
  return { path: to, method: 'copy', sizeBytes: source.size, sourceRemoved: await removeQuietly(fs, from) };
}
