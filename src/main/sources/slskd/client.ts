// Thin typed client for slskd's REST API (/api/v0). Auth via the X-API-Key header only — the key never appears
// in URLs, logs or error messages. Every response is parsed with zod. Enqueue POSTs are capped at two in flight
// (slskd answers 429 beyond that); the one-search-POST-at-a-time rule is enforced by SearchRunner.
import pLimit from 'p-limit';
import type { z } from 'zod';
import { HttpClient, HttpStatusError, type HttpClientOptions } from '../../net';
import {
  ApplicationSchema,
  DownloadsByUserSchema,
  EnqueueResultSchema,
  SearchResponsesSchema,
  SearchSchema,
  TransferSchema,
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

  startSearch(request: SlskdSearchRequest, signal?: AbortSignal): Promise<SlskdSearch> {
    return this.http.json('searches', SearchSchema, { method: 'POST', json: request, signal, headers: this.auth });
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
        retries: 2,
      }),
    );
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
