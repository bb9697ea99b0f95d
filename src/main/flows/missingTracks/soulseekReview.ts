// The Soulseek half of a playlist's review list. When the queue's search for a playlist track finds close but not
// confident files, the slskd source offers them (`offer`, the queue's review port) and the request fails with
// `needs_review`, which is never retried on its own. The person then picks one (a request pinned to exactly that
// peer file, filed and tagged like any catalog download), searches again with their own words (the same budgeted
// search, ranked against the track; the results replace the candidates), or ignores the entry (neither downloaded
// nor retried, across re-analyses, until taken back).
import { AppError } from '../../../shared/result';
import type { ReviewCandidate, TrackWanted } from '../../base';
import type { CatalogStore } from '../../catalog';
import type { PeerReview, PeerReviewStore, PlaylistStore, StoredEntry } from '../../playlists';
import { PRIORITY, type QueueItem, type QueueStore } from '../../queue';
import { pinnedPeerFileRef } from '../../sources';
import { NOT_CONFIGURED_MESSAGE, searchFailure } from '../peerSearch';

/** What the review needs of the slskd source: its search, ranked against the track. */
export interface ReviewSearchSource {
  reviewSearch(track: TrackWanted, query: string, signal?: AbortSignal): Promise<ReviewCandidate[]>;
}

export interface SoulseekReviewDeps {
  catalog: CatalogStore;
  queue: QueueStore;
  playlists: PlaylistStore;
  reviews: PeerReviewStore;
  /** The slskd source now (Settings may change it), or undefined when Soulseek is not set up. */
  source(): ReviewSearchSource | undefined;
  /** Cancels the waiting or running download of each track that has one. */
  cancelTrackDownloads(trackIds: number[]): Promise<number>;
  /** A request was created: show it and start it. */
  enqueued(item: QueueItem): void;
  /** Reconcile + queue rebuild (the core's). */
  reconcile(): void;
}

/** What an entry waits for: the person's word on a library match, or their pick among Soulseek files. */
export type AwaitingReview = 'library' | 'soulseek' | null;

export class SoulseekReview {
  constructor(private readonly d: SoulseekReviewDeps) {}

  /** The queue's port: keeps the candidates of a track someone reviews; false when nobody does. */
  offer(trackId: number, candidates: readonly ReviewCandidate[]): boolean {
    if (!this.d.reviews.isReviewed(trackId)) return false;
    this.d.reviews.put(trackId, null, candidates);
    return true;
  }

  awaiting(e: StoredEntry): AwaitingReview {
    if (e.ignored) return null;
    if (e.status === 'review' && e.decision === null) return 'library';
    if (e.trackId === null) return null;
    const t = this.d.catalog.getTrack(e.trackId);
    return t?.status === 'failed' && t.error_type === 'needs_review' ? 'soulseek' : null;
  }

  /** The entry's stored candidates (none yet: an empty list). */
  candidates(playlistId: number, key: string): PeerReview {
    const trackId = this.trackOf(this.entry(playlistId, key));
    return this.d.reviews.get(trackId) ?? { trackId, query: null, candidates: [], updatedAt: 0 };
  }

  /** Downloads exactly this candidate for the entry's track: a request pinned to that peer file. */
  pick(playlistId: number, key: string, username: string, filename: string): QueueItem {
    const entry = this.entry(playlistId, key);
    const trackId = this.trackOf(entry);
    const file = this.d.reviews.get(trackId)?.candidates.find((c) => c.username === username && c.filename === filename);
    if (!file) throw new AppError('not_found', `That file is not among the candidates for "${entry.title}"; search again.`);
    const track = this.d.catalog.getTrack(trackId);
    if (track?.status === 'downloaded') throw new AppError('conflict', `"${entry.title}" is already in your library.`);
    if (this.d.queue.activeForTrack(trackId)) {
      throw new AppError('conflict', `"${entry.title}" is already being downloaded; cancel that download in Downloads to pick another file.`);
    }
    if (entry.ignored) this.d.playlists.ignore(playlistId, key, false);
    const { item } = this.d.queue.enqueueTrack({
      trackId,
      source: 'slskd',
      priority: PRIORITY.user,
      requestSource: 'playlist',
      destinationPath: track?.planned_path ?? undefined,
      externalRef: pinnedPeerFileRef({
        username: file.username,
        filename: file.filename,
        size: file.size,
        ...(file.lengthSec !== undefined ? { lengthSec: file.lengthSec } : {}),
        ...(file.bitRate !== undefined ? { bitRate: file.bitRate } : {}),
        ...(file.bitDepth !== undefined ? { bitDepth: file.bitDepth } : {}),
        ...(file.sampleRate !== undefined ? { sampleRate: file.sampleRate } : {}),
        ...(file.isVariableBitRate !== undefined ? { isVariableBitRate: file.isVariableBitRate } : {}),
      }),
    });
    this.d.enqueued(item);
    return item;
  }

  /** The person's own search for the entry's track; its plausible files replace the stored candidates. */
  async searchAgain(playlistId: number, key: string, query: string, signal?: AbortSignal): Promise<PeerReview> {
    const trackId = this.trackOf(this.entry(playlistId, key));
    const source = this.d.source();
    if (!source) throw new AppError('unavailable', NOT_CONFIGURED_MESSAGE);
    const track = this.d.catalog.trackWanted(trackId);
    if (!track) throw new AppError('not_found', 'That track is no longer in the catalog; analyse the playlist again.');
    const text = query.trim().replace(/\s+/g, ' ');
    let found: ReviewCandidate[];
    try {
      found = await source.reviewSearch(track, text, signal);
    } catch (e) {
      throw new AppError('unavailable', searchFailure(e));
    }
    return this.d.reviews.put(trackId, text, found);
  }

  /**
   * "Ignore" (true) or take it back (false): an ignored entry is neither downloaded nor retried — its running or
   * waiting download is cancelled, the queue rebuild passes it by, re-analyses keep it ignored.
   */
  async ignore(playlistId: number, key: string, ignored: boolean): Promise<StoredEntry> {
    const entry = this.entry(playlistId, key);
    this.d.playlists.ignore(playlistId, key, ignored);
    if (entry.trackId !== null) {
      if (ignored) await this.d.cancelTrackDownloads([entry.trackId]);
      // Taken back: a track the ignore left missing is queued again.
      else if (this.d.catalog.getTrack(entry.trackId)?.status === 'missing') this.d.reconcile();
    }
    return this.entry(playlistId, key);
  }

  private entry(playlistId: number, key: string): StoredEntry {
    const e = this.d.playlists.entries(playlistId).find((x) => x.key === key);
    if (!e) throw new AppError('not_found', `No track "${key}" in that playlist.`);
    return e;
  }

  private trackOf(e: StoredEntry): number {
    if (e.trackId === null) {
      throw new AppError('invalid_input', `"${e.title}" is not a track to download yet: say first whether the library's match is it.`);
    }
    return e.trackId;
  }
}
