// Thin typed client for slskd's REST API (/api/v0). Auth via the X-API-Key header only — the key never appears
// in URLs, logs or error messages. Every response is parsed with zod. Enqueue POSTs are capped at two in flight
// (slskd answers 429 beyond that); the one-search-POST-at-a-time rule is enforced by SearchRunner.
import pLimit from 'p-limit';
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { HttpClient, HttpParseError, HttpStatusError, type HttpClientOptions } from '../../net';
import {
  ApplicationSchema,
  DownloadsByUserSchema,
  EnqueueResultSchema,
  SearchResponsesSchema,
  SearchSchema,
  TransferSchema,
  UserDownloadsSchema,
  type SlskdApplication,
  type SlskdDownloadsByUser,
  type SlskdEnqueueResult,
  type SlskdSearch,
  type SlskdSearchResponse,
  type SlskdTransfer,
} from './schemas';

/** Body of POST /searches (camelCase, as slskd's SearchRequest). `searchTimeout` is the inactivity timer in ms. */
export interface SlskdSearchRequest {
  id?: string;
  searchText: string;
  searchTimeout?: number;
  responseLimit?: number;
  fileLimit?: number;
  filterResponses?: boolean;
  minimumPeerUploadSpeed?: number;
  maximumPeerQueueLength?: number;
  minimumResponseFileCount?: number;
}

/** Sends of a POST whose answer was lost, after looking up that it did not act. */
const POST_ATTEMPTS = 3;

/**
 * Did the server perhaps act on a request that failed? A dropped connection, a timeout or a gateway error may
 * come after it did; a 429 means it did not (and may be repeated as is).
 */
export function outcomeUnknown(e: unknown): boolean {
  if (e instanceof HttpStatusError) return [408, 429, 502, 503, 504].includes(e.status);
  return !(e instanceof HttpParseError);
}

export interface SlskdClientOptions {
  /** slskd origin, e.g. http://localhost:5030 (with or without a trailing /api/v0). */
  baseUrl: string;
  apiKey: string;
  /** Overrides for the shared HTTP client (tests shrink backoff). */
  http?: Pick<HttpClientOptions, 'timeoutMs' | 'retries' | 'backoffLimitMs' | 'maxRetryAfterMs'>;
}

export class SlskdClient {
  private readonly http: HttpClient;
  /**
   * Sent with every request. (HttpClient's constructor `headers` are currently lost when a request passes
   * `headers: undefined` to ky, so the key travels per request.)
   */
  private readonly auth: Record<string, string>;
  /** slskd allows two concurrent enqueue requests. */
  private readonly enqueueLimit = pLimit(2);

  constructor(options: SlskdClientOptions) {
    const origin = options.baseUrl.replace(/\/+$/, '').replace(/\/api\/v0$/, '');
    this.auth = { 'X-API-Key': options.apiKey, accept: 'application/json' };
    this.http = new HttpClient({ baseUrl: `${origin}/api/v0/`, headers: this.auth, ...options.http });
  }

  application(signal?: AbortSignal): Promise<SlskdApplication> {
    return this.get('application', ApplicationSchema, signal);
  }

  /**
   * POST /searches, safe to repeat when the request names its id: after a lost answer the search is looked up
   * by that id before it is started again (a second POST would start a second search, or answer 409).
   */
  async startSearch(request: SlskdSearchRequest, signal?: AbortSignal): Promise<SlskdSearch> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.http.json('searches', SearchSchema, { method: 'POST', json: request, signal, headers: this.auth });
      } catch (e) {
        if (!request.id || attempt >= POST_ATTEMPTS || signal?.aborted || !outcomeUnknown(e)) throw e;
        const existing = await this.ignoring404(() => this.getSearch(request.id!, signal));
        if (existing) return existing;
        await this.pause(e, attempt, signal);
      }
    }
  }

  getSearch(id: string, signal?: AbortSignal): Promise<SlskdSearch> {
    return this.get(`searches/${encodeURIComponent(id)}`, SearchSchema, signal);
  }

  /** Only meaningful once the search `isComplete`: slskd stores responses at completion. */
  getSearchResponses(id: string, signal?: AbortSignal): Promise<SlskdSearchResponse[]> {
    return this.get(`searches/${encodeURIComponent(id)}/responses`, SearchResponsesSchema, signal);
  }

  /** PUT /searches/{id}: stops a running search (it completes with what it has). */
  async stopSearch(id: string): Promise<void> {
    await this.ignoring404(() => this.http.raw(`searches/${encodeURIComponent(id)}`, { method: 'PUT', retries: 1, headers: this.auth }));
  }

  async deleteSearch(id: string): Promise<void> {
    await this.ignoring404(() => this.http.raw(`searches/${encodeURIComponent(id)}`, { method: 'DELETE', retries: 1, headers: this.auth }));
  }

  enqueueDownloads(
    username: string,
    files: { filename: string; size: number }[],
    signal?: AbortSignal,
  ): Promise<SlskdEnqueueResult> {
    return this.enqueueLimit(() =>
      this.http.json(`transfers/downloads/${encodeURIComponent(username)}`, EnqueueResultSchema, {
        method: 'POST',
        json: files,
        signal,
        headers: this.auth,
      }),
    );
  }

  /**
   * Enqueues one file, safe to repeat: when the POST's answer is lost (or slskd reports the file as already
   * queued), the user's transfers are looked up for that file before it is asked for again, so one request never
   * makes two transfers. Undefined when slskd refused it.
   */
  async enqueueDownload(
    username: string,
    file: { filename: string; size: number },
    signal?: AbortSignal,
  ): Promise<SlskdTransfer | undefined> {
    const since = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.enqueueDownloads(username, [file], signal);
        const t = result.enqueued.find((x) => x.filename === file.filename) ?? result.enqueued[0];
        return t ?? (await this.findDownload(username, file.filename, since, signal));
      } catch (e) {
        if (attempt >= POST_ATTEMPTS || signal?.aborted || !outcomeUnknown(e)) throw e;
        const existing = await this.findDownload(username, file.filename, since, signal);
        if (existing) return existing;
        await this.pause(e, attempt, signal);
      }
    }
  }

  /** GET /transfers/downloads/{username}; undefined when slskd has no transfers from that user. */
  async userDownloads(username: string, signal?: AbortSignal): Promise<SlskdTransfer[] | undefined> {
    const user = await this.ignoring404(() => this.get(`transfers/downloads/${encodeURIComponent(username)}`, UserDownloadsSchema, signal));
    return user?.directories.flatMap((d) => d.files);
  }

  /**
   * A transfer of `filename` from `username` that this request may have made: still running, or finished well
   * and requested since `since` (a minute of clock skew allowed). Old failed transfers are not ours.
   */
  private async findDownload(username: string, filename: string, since: number, signal?: AbortSignal): Promise<SlskdTransfer | undefined> {
    const mine = (await this.userDownloads(username, signal))?.filter((t) => t.filename === filename) ?? [];
    const recent = (t: SlskdTransfer) => t.requestedAt !== undefined && Date.parse(t.requestedAt) >= since - 60_000;
    return mine.find((t) => !t.state.startsWith('Completed')) ?? mine.find((t) => t.state === 'Completed, Succeeded' && recent(t));
  }

  private async pause(e: unknown, attempt: number, signal?: AbortSignal): Promise<void> {
    const retryAfter = e instanceof HttpStatusError ? e.retryAfterMs : undefined;
    await sleep(Math.min(retryAfter ?? 200 * 2 ** attempt, 5_000), undefined, { signal });
  }

  /** One download by its GUID; undefined when slskd no longer knows it. */
  async getDownload(username: string, id: string, signal?: AbortSignal): Promise<SlskdTransfer | undefined> {
    return this.ignoring404(() =>
      this.get(`transfers/downloads/${encodeURIComponent(username)}/${encodeURIComponent(id)}`, TransferSchema, signal),
    );
  }

  listDownloads(signal?: AbortSignal): Promise<SlskdDownloadsByUser> {
    return this.get('transfers/downloads', DownloadsByUserSchema, signal);
  }

  /** Cancels a download (and with `remove`, forgets it). Unknown ids are not an error. */
  async cancelDownload(username: string, id: string, options: { remove?: boolean } = {}): Promise<void> {
    await this.ignoring404(() =>
      this.http.raw(`transfers/downloads/${encodeURIComponent(username)}/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        query: { remove: options.remove ?? false },
        retries: 2,
        headers: this.auth,
      }),
    );
  }

  private get<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
    return this.http.json(path, schema, { signal, headers: this.auth });
  }

  private async ignoring404<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof HttpStatusError && e.status === 404) return undefined;
      throw e;
    }
  }
}
