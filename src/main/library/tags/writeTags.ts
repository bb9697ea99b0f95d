// Writes TrackTags into an audio file safely: tag a temporary copy beside it (off the event loop), verify by
// reading it back, then rename over the original. The original is untouched until the tagged copy is proven.
import { copyFile, rename, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { DownloadError } from '../../base';
import { planTagWrite, type PlanOptions } from './tagPlan';
import { tagWorker } from './tagWorkerClient';
import type { TrackTags } from './trackTags';

export interface WriteTagsOptions extends PlanOptions {
  /** Extension deciding the tag format, when the path does not end in it. */
  ext?: string;
}

/** Tagging failed; the original file is unchanged. `fsCode` is the file system's error code, when it was one. */
export class TagWriteError extends DownloadError {
  constructor(
    message: string,
    readonly fsCode?: string,
  ) {
    super('storage', message);
    this.name = 'TagWriteError';
  }

  /** The disk (or quota) filled up while the tagged copy was written. */
  get outOfSpace(): boolean {
    return this.fsCode === 'ENOSPC' || this.fsCode === 'EDQUOT';
  }
}

/** Where the tagged copy is prepared; ends in `.part` so start-up clean-up sweeps it after a crash. */
export function tagTempPathFor(path: string): string {
  return `${path}.tagging.part`;
}

export async function writeTags(path: string, tags: TrackTags, options: WriteTagsOptions = {}): Promise<void> {
  const ext = options.ext ?? extname(path).slice(1);
  let plan;
  try {
    plan = planTagWrite(ext, tags, options);
  } catch (err) {
    throw new TagWriteError(err instanceof Error ? err.message : String(err));
  }
  const temp = tagTempPathFor(path);
  try {
    await copyFile(path, temp);
    await tagWorker.run(temp, plan);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    const code = (err as { code?: unknown } | null)?.code;
    throw new TagWriteError(`Could not write tags to ${path}: ${err instanceof Error ? err.message : String(err)}`, typeof code === 'string' ? code : undefined);
  }
}
