// Files a matched file into the Transfer folder in journalled steps: copy under a part name beside the target →
// rename into place → tags from Spotify through the one writeTags → cover.jpg beside it (part + rename, once per
// folder) → remove the original. Each step is recorded before the next starts, so a crash leaves the original or
// the finished file, never a half-written one under its final name, and `fileMatched` run again on the same entry
// continues where it stopped. A cancel between steps rolls back what this filing wrote and keeps the original;
// a queue item's journal entry then goes back to `requested`, so a retry files it again (still matched).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CancelledKeepingFile, DownloadError } from '../../base';
import {
  COVER_FILE, ensureDirectory, formatArtistCredit, organisedLayout, ownPartWriter, partPathFor, TagWriteError, TransferError, writeCoverFile, writeTags,
  type CoverArt, type CoverArtCache, type FilingEntry, type FilingJournal, type Id3Version, type TrackTags,
} from '../../library';
import type { MatchedMetadata } from './matchedMetadata';

export { COVER_FILE };

export interface FileMatchedOptions {
  journal: FilingJournal;
  covers: CoverArtCache;
  transferDir: string;
  /** The ID3v2 version for an MP3 (default 2.4). */
  id3Version?: Id3Version;
  signal?: AbortSignal;
  /** Awaited as each step begins (the row shows it; a cancel that arrives meanwhile is honoured after it). */
  onStage?(stage: FilingStage): void | Promise<void>;
}

export type FilingStage = 'transferring' | 'tagging';

export interface FiledFile {
  path: string;
  sizeBytes: number;
  /** Set when the file went in untagged (the tag writer failed on it) — it still counts as filed. */
  note?: string;
}

/** Where a matched file goes: the Transfer layout (`library/layout.ts`, style `matched`). */
export function matchedTargetPath(transferDir: string, m: MatchedMetadata, ext: string): string {
  return organisedLayout(transferDir, 'matched').plan({
    id: m.spotifyTrackId,
    ext,
    title: m.title,
    artist: m.artist,
    album: m.album ?? null,
    trackNumber: m.album ? m.trackNumber : null,
    trackCount: m.album ? m.trackTotal : null,
  });
}

/** The tags a matched file gets (Picard's conventions; the remixer in TPE4/REMIXER). */
export function matchedTags(m: MatchedMetadata, cover?: CoverArt): TrackTags {
  const externalIds: Record<string, string> = { SPOTIFY_TRACK_ID: m.spotifyTrackId, SPOTIFY_ARTIST_ID: m.spotifyArtistId };
  if (m.spotifyAlbumId) externalIds.SPOTIFY_ALBUM_ID = m.spotifyAlbumId;
  return {
    title: m.title,
    artists: m.artists,
    artistCredit: formatArtistCredit(m.artists),
    albumArtist: m.albumArtist,
    album: m.release,
    trackNumber: m.trackNumber,
    trackTotal: m.trackTotal,
    discNumber: m.discNumber,
    discTotal: m.discTotal,
    ...(m.date ? { date: m.date } : {}),
    ...(m.genre ? { genre: m.genre } : {}),
    ...(m.isrc ? { isrc: m.isrc } : {}),
    ...(m.remixer ? { remixer: m.remixer } : {}),
    ...(cover ? { cover } : {}),
    externalIds,
  };
}

async function sha256(path: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(path), h);
  return h.digest('hex');
}

const exists = (p: string) => stat(p).then((s) => s.isFile(), () => false);

function cancelled(original: string): CancelledKeepingFile {
  return new CancelledKeepingFile(`Cancelled while filing: nothing was left under Transfer; the downloaded file stays at ${original}.`);
}

/**
 * Runs (or continues) the filing of `entry` with `metadata`. The original must still exist unless the entry is
 * past the transfer. Throws CancelledKeepingFile after rolling back on a cancel (the original is untouched),
 * TransferError for a different file already at the target, or a storage error.
 */
export async function fileMatched(entry: FilingEntry, original: string, metadata: MatchedMetadata, o: FileMatchedOptions): Promise<FiledFile> {
  const ext = extname(original).slice(1).toLowerCase();
  const target = entry.targetPath ?? matchedTargetPath(o.transferDir, metadata, ext);
  const part = entry.partPath ?? partPathFor(target, ownPartWriter());
  let step = entry.step;
  // A continued entry past the transfer put the file at the target itself: a roll-back removes it too.
  let wroteTarget = step === 'transferred' || step === 'tagged';
  let coverPath = entry.coverPath;
  // A queue item's request outlives a rolled-back attempt (a retry files it again); a loose file's does not.
  const release = () => (entry.queueItemId !== null ? o.journal.reset(entry.id) : o.journal.close(entry.id));
  const check = async () => {
    if (!o.signal?.aborted) return;
    await rm(part, { force: true });
    if (wroteTarget) await rm(target, { force: true });
    if (coverPath) await rm(coverPath, { force: true });
    release();
    throw cancelled(original);
  };

  if (step === 'requested' || step === 'transferring') {
    await rm(part, { force: true });
    await check();
    await o.onStage?.('transferring');
    try {
      await ensureDirectory(dirname(target));
    } catch (e) {
      throw new DownloadError('storage', e instanceof Error ? e.message : String(e));
    }
    if (await exists(target)) {
      // The same file filed before (a retry after a crash, or the same track twice) is fine; anything else is not
      // ours to overwrite.
      if ((await sha256(target)) !== (await sha256(original)) && step === 'requested') {
        o.journal.close(entry.id);
        throw new TransferError('dest_exists', `A different file of this track is already at ${target}.`);
      }
      // Left by this entry's own interrupted attempt (the rename had happened): ours to roll back.
      if (step === 'transferring') wroteTarget = true;
    } else {
      o.journal.advance(entry.id, 'transferring', { targetPath: target, partPath: part });
      try {
        await copyFile(original, part);
        await check();
        await rename(part, target);
      } catch (e) {
        await rm(part, { force: true });
        if (e instanceof DownloadError) throw e;
        const code = (e as { code?: string }).code;
        release();
        throw new DownloadError('storage', code === 'ENOSPC' ? `The Transfer folder's disk is full; free some space and file ${original} again.` : `Could not copy ${original} to ${target}: ${(e as Error).message}`);
      }
      wroteTarget = true;
    }
    step = 'transferred';
    o.journal.advance(entry.id, 'transferred', { targetPath: target, partPath: null });
  }

  let note: string | undefined;
  if (step === 'transferred') {
    await check();
    await o.onStage?.('tagging');
    const cover = await o.covers.get(metadata.coverUrl);
    try {
      await writeTags(target, matchedTags(metadata, cover), { ext, ...(o.id3Version ? { id3Version: o.id3Version } : {}) });
    } catch (e) {
      if (e instanceof TagWriteError && e.outOfSpace) throw new DownloadError('storage', `Out of disk space while tagging ${target}; free some space and it is tried again.`);
      note = `Filed without tags (${e instanceof Error ? e.message : String(e)}).`;
    }
    await check();
    if (cover) coverPath = (await writeCoverFile(dirname(target), cover)) ?? coverPath;
    // The last moment a cancel can still undo everything: past it the original goes.
    await check();
    step = 'tagged';
    o.journal.advance(entry.id, 'tagged', { coverPath });
  }

  // The finished file is in place and tagged: from here on there is nothing to roll back.
  await rm(original, { force: true });
  o.journal.close(entry.id);
  return { path: target, sizeBytes: (await stat(target)).size, ...(note ? { note } : {}) };
}

/** Undoes an unfinished filing after a crash when it cannot be finished: the part and the journal row go. */
export async function rollBackFiling(entry: FilingEntry, journal: FilingJournal): Promise<void> {
  if (entry.partPath) await rm(entry.partPath, { force: true });
  journal.close(entry.id);
}
