// The queue's finalize step for catalog-driven downloads (slskd, tickets): the catalog's metadata and the album
// cover written into the fetched file through the one writeTags, before the file is moved into place; and, once
// it is there, the album's cover.jpg beside it (as Matched Download leaves one).
//
// A tag failure does not cost the download: the file passed validation and may have taken hours to find, so it
// is filed untagged and the completion says so (the queue row's note, and a warning in the log). Only a full
// disk fails the step, as a storage error the queue retries: the move that follows would fail the same way.
import { dirname } from 'node:path';
import { DownloadError, type FetchedFile, type TrackWanted } from '../base';
import type { CoverArtCache } from './coverArtCache';
import { writeCoverFile } from './coverFile';
import { TagWriteError, wantedTrackTags, writeTags, type Id3Version } from './tags';

export interface DownloadTaggerOptions {
  covers: CoverArtCache;
  onProblem?: (message: string) => void;
  /** The ID3v2 version for MP3s, read for every file so a Settings change applies to the next one (default 2.4). */
  id3Version?: () => Promise<Id3Version>;
}

export class DownloadTagger {
  constructor(private readonly o: DownloadTaggerOptions) {}

  /** Tags `file` in place; on a tag failure other than a full disk, adds why to `file.note` instead. */
  async finalize(track: TrackWanted, file: FetchedFile): Promise<void> {
    const cover = await this.o.covers.get(track.coverUrl);
    const id3Version = await this.o.id3Version?.();
    try {
      await writeTags(file.path, wantedTrackTags(track, cover), { ext: file.ext, ...(id3Version ? { id3Version } : {}) });
    } catch (e) {
      if (e instanceof TagWriteError && e.outOfSpace) {
        throw new DownloadError('storage', `Out of disk space while tagging ${track.artist} — ${track.title}; free some space and it is tried again.`);
      }
      const why = e instanceof Error ? e.message : String(e);
      const note = `Filed without tags (${why}).`;
      file.note = file.note ? `${file.note} ${note}` : note;
      this.o.onProblem?.(`${track.artist} — ${track.title}: ${note}`);
    }
  }

  /** The album's cover.jpg beside the filed track, when the catalog knows a cover and the folder has none yet. */
  async fileCover(track: TrackWanted, filedPath: string): Promise<void> {
    const cover = await this.o.covers.get(track.coverUrl);
    if (!cover) return;
    try {
      await writeCoverFile(dirname(filedPath), cover);
    } catch (e) {
      this.o.onProblem?.(`${track.artist} — ${track.title}: no cover.jpg beside it (${e instanceof Error ? e.message : String(e)}).`);
    }
  }
}
