// The Soulseek half of the review list (table peer_reviews, owned here): for a catalog track no Soulseek file
// matched with confidence, the best close candidates with their scores and breakdowns, and the search that found
// them. A track is reviewed when a playlist entry links it and the person has not ignored that entry.
import { z } from 'zod';
import type { Clock, ReviewCandidate } from '../base';
import type { Db } from '../db';

const breakdownEntry = z.object({ weight: z.number(), value: z.number(), detail: z.string().optional() });
/** What a stored candidate must hold to be shown and picked; read back through this, never trusted as is. */
export const ReviewCandidateSchema = z.object({
  username: z.string().min(1),
  filename: z.string().min(1),
  size: z.number().int().nonnegative(),
  lengthSec: z.number().positive().optional(),
  bitRate: z.number().positive().optional(),
  bitDepth: z.number().positive().optional(),
  sampleRate: z.number().positive().optional(),
  isVariableBitRate: z.boolean().optional(),
  quality: z.string(),
  score: z.number().min(0).max(1),
  breakdown: z.record(z.string(), breakdownEntry),
  peer: z.object({ hasFreeUploadSlot: z.boolean(), queueLength: z.number(), uploadSpeed: z.number() }),
});

export interface PeerReview {
  trackId: number;
  /** The person's "Search again" text, or null for the queue's own search. */
  query: string | null;
  candidates: ReviewCandidate[];
  updatedAt: number;
}

export class PeerReviewStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Whether someone reviews this track: a playlist entry links it and was not ignored. */
  isReviewed(trackId: number): boolean {
    return Boolean(this.db.prepare('SELECT 1 FROM playlist_tracks WHERE track_id = ? AND ignored_at IS NULL LIMIT 1').get(trackId));
  }

  /** Replaces the track's candidates (a new search's, or none). */
  put(trackId: number, query: string | null, candidates: readonly ReviewCandidate[]): PeerReview {
    const now = this.clock.now();
    this.db
      .prepare(
        `INSERT INTO peer_reviews (track_id, query, candidates, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (track_id) DO UPDATE SET query = excluded.query, candidates = excluded.candidates, updated_at = excluded.updated_at`,
      )
      .run(trackId, query, JSON.stringify(candidates), now);
    return { trackId, query, candidates: [...candidates], updatedAt: now };
  }

  get(trackId: number): PeerReview | undefined {
    const r = this.db.prepare('SELECT track_id, query, candidates, updated_at FROM peer_reviews WHERE track_id = ?').get(trackId) as
      | { track_id: number; query: string | null; candidates: string; updated_at: number }
      | undefined;
    if (!r) return undefined;
    const parsed = z.array(ReviewCandidateSchema).safeParse(safeJson(r.candidates));
    return { trackId: r.track_id, query: r.query, candidates: parsed.success ? parsed.data : [], updatedAt: r.updated_at };
  }

  clear(trackId: number): void {
    this.db.prepare('DELETE FROM peer_reviews WHERE track_id = ?').run(trackId);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
