// The searches the Search page started: each runs through the slskd source's own runner (one search POST at a
// time, within the budget, results read at completion — the queue's search path, never a second one), is ranked
// once when it completes, and is kept for a while so filters and downloads read it without searching again.
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToHost } from 'node:timers/promises';
import { AppError } from '../../../shared/result';
import type { SearchResultsDto } from '../../../shared/contract';
import type { Clock } from '../../base';
import { HttpParseError, HttpStatusError } from '../../net';
import type { SlskdSearchResponse } from '../../sources';
import { filterResults, type SearchFilters } from './searchFilters';
import { SearchRanker, type RankedResults } from './searchResults';

/** What the searches need of the slskd source. */
export interface PeerSearchSource {
  search(query: string, signal?: AbortSignal): Promise<SlskdSearchResponse[]>;
}

export interface PeerSearchesOptions {
  /** The slskd source now (settings may add, change or remove it), or undefined when it is not set up. */
  source: () => PeerSearchSource | undefined;
  clock: Clock;
  /** Searches kept; the oldest is dropped (and stopped, if still running) beyond this. */
  maxKept?: number;
  /** A finished search is forgotten this long after it was last read. */
  keepMs?: number;
}

type SessionState =
  | { state: 'searching' }
  | { state: 'complete'; results: RankedResults }
  | { state: 'failed'; reason: string };

interface Session {
  id: string;
  query: string;
  readAt: number;
  controller: AbortController;
  status: SessionState;
}

export const NOT_CONFIGURED_MESSAGE = 'Soulseek is not set up: add the slskd URL, downloads folder and API key in Settings.';

export class PeerSearches {
  private readonly sessions = new Map<string, Session>();
  private readonly maxKept: number;
  private readonly keepMs: number;

  constructor(private readonly o: PeerSearchesOptions) {
    this.maxKept = o.maxKept ?? 20;
    this.keepMs = o.keepMs ?? 30 * 60_000;
  }

  /** Starts a search; its results are read with `results` (poll while `searching`). */
  start(query: string): { searchId: string } {
    const source = this.o.source();
    if (!source) throw new AppError('unavailable', NOT_CONFIGURED_MESSAGE);
    this.prune();
    const session: Session = {
      id: randomUUID(),
      query: query.trim().replace(/\s+/g, ' '),
      readAt: this.o.clock.now(),
      controller: new AbortController(),
      status: { state: 'searching' },
    };
    this.sessions.set(session.id, session);
    void this.run(session, source);
    return { searchId: session.id };
  }

  /** A search's state and its ranked, filtered results (empty while searching). */
  results(searchId: string, filters: SearchFilters, limits: { albums: number; singles: number }): SearchResultsDto {
    const s = this.session(searchId);
    const base = { searchId: s.id, query: s.query, state: s.status.state, reason: null, albums: [], singles: [], totalAlbums: 0, totalSingles: 0 };
    const none = { unsafe: 0, locked: 0, unsupported: 0 };
    if (s.status.state === 'searching') return { ...base, hidden: none };
    if (s.status.state === 'failed') return { ...base, reason: s.status.reason, hidden: none };
    const { albums, singles } = filterResults(s.status.results, filters);
    return {
      ...base,
      albums: albums.slice(0, limits.albums),
      singles: singles.slice(0, limits.singles),
      totalAlbums: albums.length,
      totalSingles: singles.length,
      hidden: s.status.results.hidden,
    };
  }

  /** The complete results of a search (for downloads): not_found when it is gone, unfinished or failed. */
  completed(searchId: string): RankedResults {
    const s = this.session(searchId);
    if (s.status.state !== 'complete') throw new AppError('invalid_input', 'That search has not finished; wait for its results.');
    return s.status.results;
  }

  /** Stops every running search (the core is closing). */
  close(): void {
    for (const s of this.sessions.values()) s.controller.abort(new Error('closing'));
    this.sessions.clear();
  }

  private session(searchId: string): Session {
    const s = this.sessions.get(searchId);
    if (!s) throw new AppError('not_found', 'That search is no longer kept; search again.');
    s.readAt = this.o.clock.now();
    return s;
  }

  private async run(session: Session, source: PeerSearchSource): Promise<void> {
    try {
      const responses = await source.search(session.query, session.controller.signal);
      // Scoring thousands of files takes a second or more: the host answers other requests between responses.
      const ranker = new SearchRanker(session.query);
      for (const r of responses) {
        await yieldToHost();
        if (session.controller.signal.aborted) return;
        ranker.add(r);
      }
      session.status = { state: 'complete', results: ranker.finish() };
    } catch (e) {
      session.status = { state: 'failed', reason: searchFailure(e) };
    }
  }

  private prune(): void {
    const now = this.o.clock.now();
    for (const [id, s] of this.sessions) {
      if (s.status.state !== 'searching' && now - s.readAt > this.keepMs) this.sessions.delete(id);
    }
    while (this.sessions.size >= this.maxKept) {
      const oldest = [...this.sessions.values()].sort((a, b) => a.readAt - b.readAt)[0];
      if (!oldest) break;
      oldest.controller.abort(new Error('search dropped'));
      this.sessions.delete(oldest.id);
    }
  }
}

/** A failed search, for people: what slskd said, never the key or a stack. */
export function searchFailure(e: unknown): string {
  if (e instanceof HttpStatusError) {
    if (e.status === 401 || e.status === 403) return 'slskd refused the API key; check it in Settings.';
    return `slskd answered HTTP ${e.status} to the search; try again in a moment.`;
  }
  if (e instanceof HttpParseError) return 'slskd sent an answer Cassette could not read (is this slskd 0.22 or newer?).';
  const msg = e instanceof Error ? e.message : String(e);
  return `slskd could not be reached (${msg.slice(0, 160)}); check that it is running and its URL in Settings.`;
}
