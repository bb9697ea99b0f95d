// Runs slskd searches the way slskd and Soulseek need: one search POST at a time per slskd instance (a mutex shared
// by every runner pointed at the same server), within the search budget, then polls until `isComplete` and only
// then reads the responses (slskd stores them at completion; an early read returns []), retrying briefly if the
// list is still empty. Results are cached per query so fallbacks and retries reuse them instead of searching again.
import { randomUUID } from 'node:crypto';
import type { SlskdClient } from './client';
import { DEFAULT_SEARCH_BUDGET, pruneSearchHistory, searchBudgetDelay, type SearchBudget } from './searchBudget';
import type { SlskdSearchResponse } from './schemas';

export interface SearchRunnerOptions {
  budget?: SearchBudget;
  /** slskd's inactivity timeout for a search (ms). */
  searchTimeoutMs?: number;
  pollMs?: number;
  responseLimit?: number;
  fileLimit?: number;
  minimumPeerUploadSpeed?: number;
  maximumPeerQueueLength?: number;
  /** Stop a search that has not completed after this long (default: 4 × searchTimeout + 30 s). */
  maxSearchMs?: number;
  /** Reads of an empty response list before believing it (only when responseCount > 0). */
  emptyResponseRetries?: number;
  cacheTtlMs?: number;
  /** Remove finished searches from slskd's list. */
  deleteFinishedSearches?: boolean;
  /** Key for the shared POST mutex and budget; defaults to one gate per runner. */
  gate?: SearchGate;
  now?: () => number;
}

/** One search POST at a time plus the budget's history, shared by all runners for one slskd server. */
export class SearchGate {
  private tail: Promise<void> = Promise.resolve();
  history: number[] = [];

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

const gates = new Map<string, SearchGate>();
/** The gate for a slskd server (by origin), so two sources for one server never POST searches at once. */
export function searchGateFor(baseUrl: string): SearchGate {
  const key = baseUrl.replace(/\/+$/, '').replace(/\/api\/v0$/, '').toLowerCase();
  let gate = gates.get(key);
  if (!gate) gates.set(key, (gate = new SearchGate()));
  return gate;
}

interface CacheEntry {
  at: number;
  result: Promise<SlskdSearchResponse[]>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
}

export class SearchRunner {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly gate: SearchGate;
  private readonly now: () => number;
  /** Searches POSTed by this runner (for diagnostics and tests). */
  searchesStarted = 0;

  constructor(
    private readonly client: SlskdClient,
    private readonly o: SearchRunnerOptions = {},
  ) {
    this.gate = o.gate ?? new SearchGate();
    this.now = o.now ?? Date.now;
  }

  /** Responses for `query`, from cache when a search for it finished within the TTL. */
  search(query: string, signal?: AbortSignal): Promise<SlskdSearchResponse[]> {
    const key = query.trim().replace(/\s+/g, ' ').toLowerCase();
    const ttl = this.o.cacheTtlMs ?? 15 * 60_000;
    let entry = this.cache.get(key);
    if (entry && entry.settled && this.now() - entry.at > ttl) {
      this.cache.delete(key);
      entry = undefined;
    }
    if (!entry) {
      const controller = new AbortController();
      const created: CacheEntry = { at: this.now(), controller, waiters: 0, settled: false, result: Promise.resolve([]) };
      created.result = this.runSearch(query, controller.signal).then(
        (r) => {
          created.settled = true;
          created.at = this.now();
          return r;
        },
        (e: unknown) => {
          if (this.cache.get(key) === created) this.cache.delete(key);
          throw e;
        },
      );
      created.result.catch(() => undefined);
      this.cache.set(key, created);
      entry = created;
    }
    return this.awaitEntry(key, entry, signal);
  }

  private awaitEntry(key: string, entry: CacheEntry, signal?: AbortSignal): Promise<SlskdSearchResponse[]> {
    if (!signal) return entry.result;
    signal.throwIfAborted();
    entry.waiters++;
    return new Promise<SlskdSearchResponse[]>((resolve, reject) => {
      const onAbort = () => {
        entry.waiters--;
        // Nobody wants it any more: stop the search (before its POST if still waiting) and forget it.
        if (entry.waiters === 0 && !entry.settled) {
          entry.controller.abort(signal.reason);
          if (this.cache.get(key) === entry) this.cache.delete(key);
        }
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.result.then(
        (r) => {
          signal.removeEventListener('abort', onAbort);
          entry.waiters--;
          resolve(r);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          entry.waiters--;
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  private async runSearch(query: string, signal: AbortSignal): Promise<SlskdSearchResponse[]> {
    const pollMs = this.o.pollMs ?? 1_000;
    const searchTimeoutMs = this.o.searchTimeoutMs ?? 15_000;
    const id = randomUUID();

    await this.gate.run(async () => {
      signal.throwIfAborted();
      const budget = this.o.budget ?? DEFAULT_SEARCH_BUDGET;
      const wait = searchBudgetDelay(this.gate.history, this.now(), budget);
      if (wait > 0) await abortableSleep(wait, signal);
      this.gate.history = pruneSearchHistory([...this.gate.history, this.now()], this.now(), budget);
      this.searchesStarted++;
      await this.client.startSearch(
        {
          id,
          searchText: query,
          searchTimeout: searchTimeoutMs,
          responseLimit: this.o.responseLimit ?? 100,
          fileLimit: this.o.fileLimit ?? 10_000,
          filterResponses: true,
          minimumPeerUploadSpeed: this.o.minimumPeerUploadSpeed ?? 0,
          maximumPeerQueueLength: this.o.maximumPeerQueueLength ?? 1_000,
        },
        signal,
      );
    });

    try {
      const started = this.now();
      const maxMs = this.o.maxSearchMs ?? searchTimeoutMs * 4 + 30_000;
      let stopped = false;
      let search = await this.client.getSearch(id, signal);
      while (!search.isComplete) {
        if (!stopped && this.now() - started > maxMs) {
          await this.client.stopSearch(id);
          stopped = true;
        }
        await abortableSleep(pollMs, signal);
        search = await this.client.getSearch(id, signal);
      }
      if (search.responseCount === 0) return [];
      let responses = await this.client.getSearchResponses(id, signal);
      for (let i = 0; responses.length === 0 && i < (this.o.emptyResponseRetries ?? 5); i++) {
        await abortableSleep(pollMs, signal);
        responses = await this.client.getSearchResponses(id, signal);
      }
      return responses;
    } catch (e) {
      if (signal.aborted) await this.client.stopSearch(id).catch(() => undefined);
      throw e;
    } finally {
      if (this.o.deleteFinishedSearches ?? true) await this.client.deleteSearch(id).catch(() => undefined);
    }
  }
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
