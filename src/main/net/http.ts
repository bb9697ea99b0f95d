// One HTTP client for every service: timeouts, retry with backoff + jitter, Retry-After on 429/503,
// and an optional request-rate cap. Secrets travel only in headers, never in error messages.
// Only idempotent requests are retried on their own (GET, HEAD, PUT, DELETE, OPTIONS): a POST whose answer was
// lost may already have created something, so the caller decides — it looks up before re-creating, or marks the
// request `idempotent` when repeating it is harmless (an idempotency key, a pure check).
import ky, { HTTPError, TimeoutError, type KyInstance, type Options } from 'ky';
import pThrottle from 'p-throttle';
import type { z } from 'zod';

export interface HttpClientOptions {
  baseUrl: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  retries?: number;
  /** Longest Retry-After we are willing to sleep for inside one call. */
  maxRetryAfterMs?: number;
  /** Cap requests per second (e.g. ~4/s for Qobuz). */
  requestsPerSecond?: number;
  /** Tests shrink backoff to keep runs short. */
  backoffLimitMs?: number;
}

export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly bodyText: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`HTTP ${status} from ${redactUrl(url)}${bodyText ? `: ${bodyText.slice(0, 200)}` : ''}`);
    this.name = 'HttpStatusError';
  }
}

export class HttpParseError extends Error {
  constructor(url: string, detail: string) {
    super(`Unexpected response from ${redactUrl(url)}: ${detail}`);
    this.name = 'HttpParseError';
  }
}

const SECRET_PARAMS = /([?&](?:token|user_auth_token|password|api_key|apikey|private_key|app_secret|request_sig|t|s|p|code)=)[^&]*/gi;
/** Strips values of query parameters that may hold secrets, so URLs can appear in logs and errors. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1***');
}

export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface RequestOptions {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  retries?: number;
  /**
   * Repeating this request cannot create a second anything (it carries an idempotency key, or only checks):
   * retry it like a GET even when it is a POST or PATCH.
   */
  idempotent?: boolean;
}

/** Methods retried automatically: repeating them leaves the server as one call would. */
export const IDEMPOTENT_METHODS = ['get', 'head', 'put', 'delete', 'options'] as const;

export class HttpClient {
  private readonly ky: KyInstance;
  private readonly throttled: <T>(fn: () => Promise<T>) => Promise<T>;

  constructor(readonly options: HttpClientOptions) {
    const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.ky = ky.create({
      prefixUrl: base,
      headers: options.headers,
      timeout: options.timeoutMs ?? 30_000,
      retry: { ...kyRetry(options), limit: options.retries ?? 4 },
      throwHttpErrors: true,
    });
    if (options.requestsPerSecond) {
      const throttle = pThrottle({ limit: options.requestsPerSecond, interval: 1000 });
      const run = throttle(async (fn: () => Promise<unknown>) => fn());
      this.throttled = <T>(fn: () => Promise<T>) => run(fn) as Promise<T>;
    } else {
      this.throttled = (fn) => fn();
    }
  }

  /** Adds headers to every later request (e.g. an auth token learned after login). */
  withHeaders(headers: Record<string, string>): HttpClient {
    return new HttpClient({ ...this.options, headers: { ...this.options.headers, ...headers } });
  }

  async raw(path: string, opts: RequestOptions = {}): Promise<Response> {
    const kyOpts: Options = {
      method: opts.method ?? 'GET',
      signal: opts.signal,
      searchParams: cleanQuery(opts.query),
    };
    // An explicit `headers: undefined` would make ky drop the instance headers (auth), so only pass real ones.
    if (opts.headers) kyOpts.headers = opts.headers;
    if (opts.json !== undefined) kyOpts.json = opts.json;
    if (opts.body !== undefined) kyOpts.body = opts.body;
    if (opts.retries !== undefined || opts.idempotent) {
      kyOpts.retry = {
        ...kyRetry(this.options),
        limit: opts.retries ?? this.options.retries ?? 4,
        ...(opts.idempotent ? { methods: [...IDEMPOTENT_METHODS, 'post', 'patch'] } : {}),
      };
    }
    const rel = path.replace(/^\//, '');
    try {
      return await this.throttled(() => this.ky(rel, kyOpts));
    } catch (e) {
      throw await toHttpError(e, `${this.options.baseUrl}${rel}`);
    }
  }

  async json<S extends z.ZodType>(path: string, schema: S, opts: RequestOptions = {}): Promise<z.infer<S>> {
    const res = await this.raw(path, opts);
    const text = await res.text();
    let data: unknown;
    try {
      data = text.length ? JSON.parse(text) : null;
    } catch {
      throw new HttpParseError(res.url, `not JSON (starts with ${JSON.stringify(text.slice(0, 40))})`);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpParseError(res.url, `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
    }
    return parsed.data;
  }
}

function kyRetry(o: HttpClientOptions) {
  return {
    methods: [...IDEMPOTENT_METHODS],
    statusCodes: [408, 429, 500, 502, 503, 504],
    afterStatusCodes: [429, 503],
    maxRetryAfter: o.maxRetryAfterMs ?? 60_000,
    backoffLimit: o.backoffLimitMs ?? 20_000,
    jitter: true as const,
  };
}

function cleanQuery(q: RequestOptions['query']): Record<string, string> | undefined {
  if (!q) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined) out[k] = String(v);
  return out;
}

async function toHttpError(e: unknown, url: string): Promise<Error> {
  if (e instanceof HTTPError) {
    let body = '';
    try {
      body = await e.response.text();
    } catch {
      /* body already consumed or connection gone */
    }
    return new HttpStatusError(e.response.status, url, body, parseRetryAfter(e.response.headers.get('retry-after')));
  }
  if (e instanceof TimeoutError) return new Error(`Timed out waiting for ${redactUrl(url)}`);
  if (e instanceof Error) return e;
  return new Error(String(e));
}
