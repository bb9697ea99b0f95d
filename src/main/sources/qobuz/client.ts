// The Qobuz API client: app discovery (or explicit app_id/secret), token or password login, purchases paged per
// type to their own totals, album/track metadata, signed file URLs and the OAuth code exchange. Every response is
// parsed with zod; every failure is a QobuzError with a message a user can act on.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { HttpClient, HttpStatusError, type RequestOptions } from '../../net';
import { QobuzDiscovery, type DiscoveredQobuzApp } from './discovery';
import { PASSWORD_REJECTED_MESSAGE, QobuzError } from './qobuzError';
import {
  qobuzAlbumSchema,
  qobuzErrorBodySchema,
  qobuzFileUrlSchema,
  qobuzLoginSchema,
  qobuzOAuthTokenSchema,
  qobuzPurchaseIdsSchema,
  qobuzPurchasesSchema,
  qobuzTrackWithAlbumSchema,
  qobuzUserSchema,
  type QobuzAlbum,
  type QobuzFileUrl,
  type QobuzPurchasedAlbum,
  type QobuzPurchasedTrack,
  type QobuzTrackWithAlbum,
  type QobuzUser,
} from './schemas';
import { qobuzSignature, type QobuzIntent } from './signing';

export const DEFAULT_QOBUZ_API_BASE = 'https://www.qobuz.com/api.json/0.2/';
export const DEFAULT_QOBUZ_WEB_BASE = 'https://play.qobuz.com';
const PURCHASE_PAGE = 500;
const ALBUM_TRACK_PAGE = 1200;
/** A long-standing catalogue track, signed once per candidate secret to find the one Qobuz accepts. */
const SECRET_PROBE_TRACK = 5_966_783;
/** Extra attempts when a response body breaks off after its headers (HttpClient retries only up to headers). */
const BODY_RETRIES = 2;

export interface QobuzClientOptions {
  /** Default https://www.qobuz.com/api.json/0.2/ */
  apiBase?: string;
  /** The web player the app_id and secrets are scraped from; default https://play.qobuz.com */
  webBase?: string;
  /** Origin of /signin/oauth; default: the apiBase's origin. */
  signinBase?: string;
  /** Explicit values win over discovery. */
  appId?: string;
  appSecret?: string;
  /** Directory for the discovery cache (qobuz-app.json). */
  cacheDir?: string;
  /** API calls per second (default 4). */
  requestsPerSecond?: number;
  retries?: number;
  backoffLimitMs?: number;
  maxRetryAfterMs?: number;
  timeoutMs?: number;
}

export interface QobuzPurchaseIds {
  albumIds: string[];
  trackIds: number[];
}

export interface QobuzOAuthToken {
  token: string;
  userId: string;
}

interface CallOptions {
  query?: RequestOptions['query'];
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  /** Send the user token (default true). */
  auth?: boolean;
  /** Use this app_id instead of the client's (secret probing). */
  appId?: string;
  /** A POST that creates nothing (a login check): retried like a GET. */
  idempotent?: boolean;
}

export class QobuzClient {
  readonly apiBase: string;
  readonly webBase: string;
  private readonly api: HttpClient;
  private readonly discovery: QobuzDiscovery;
  private app: Promise<DiscoveredQobuzApp | undefined> | undefined;
  private secret: Promise<string> | undefined;
  private token: string | undefined;
  private currentUser: QobuzUser | undefined;

  constructor(private readonly options: QobuzClientOptions = {}) {
    this.apiBase = options.apiBase ?? DEFAULT_QOBUZ_API_BASE;
    this.webBase = (options.webBase ?? DEFAULT_QOBUZ_WEB_BASE).replace(/\/$/, '');
    this.api = new HttpClient({
      baseUrl: this.apiBase,
      requestsPerSecond: options.requestsPerSecond ?? 4,
      retries: options.retries ?? 4,
      backoffLimitMs: options.backoffLimitMs,
      maxRetryAfterMs: options.maxRetryAfterMs,
      timeoutMs: options.timeoutMs ?? 30_000,
      headers: { Accept: 'application/json' },
    });
    this.discovery = new QobuzDiscovery({
      webBase: this.webBase,
      cacheDir: options.cacheDir,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      backoffLimitMs: options.backoffLimitMs,
    });
  }

  /** The logged-in user (after a login). */
  get user(): QobuzUser | undefined {
    return this.currentUser;
  }

  /** The app_id in use: explicit, or discovered from the web player. */
  async appId(): Promise<string> {
    if (this.options.appId) return this.options.appId;
    const app = await this.discovered();
    if (!app) throw new QobuzError('discovery_failed', 'No Qobuz app_id: set QOBUZ_APP_ID or let Cassette read it from the web player.');
    return app.appId;
  }

  /**
   * Uses a token checked recently (user/get answered for it) without asking again: the next user call
   * (a purchase page) proves it still works, and answers 401 with `auth_required` when it does not.
   */
  useCheckedToken(token: string, user: QobuzUser): void {
    this.token = token;
    this.currentUser = user;
  }

  /** Validates a user auth token (GET user/get) and keeps it for later calls. */
  async loginWithToken(token: string): Promise<QobuzUser> {
    const headers = { 'X-User-Auth-Token': token };
    let user: QobuzUser;
    try {
      user = await this.call('user/get', qobuzUserSchema, { headers, auth: false });
    } catch (e) {
      if (!(e instanceof QobuzError) || (e.code !== 'endpoint_gone' && e.code !== 'not_found')) throw tokenError(e);
      // Fallback the web player itself uses: POST user/login with the token header.
      const login = await this.call('user/login', qobuzLoginSchema, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'text/plain' },
        body: 'extra=partner',
        auth: false,
        // Checks the token and hands back the same user: repeating it creates nothing.
        idempotent: true,
      }).catch((err: unknown) => {
        throw tokenError(err);
      });
      user = login.user;
    }
    this.token = token;
    this.currentUser = user;
    return user;
  }

  /**
   * The old e-mail/password login. Qobuz has answered 401 since about April 2026; that answer becomes
   * `auth_password_rejected` with instructions for a token or `qoget login`.
   */
  async loginWithPassword(email: string, password: string): Promise<QobuzUser> {
    const md5 = createHash('md5').update(password).digest('hex');
    try {
      const login = await this.call('user/login', qobuzLoginSchema, { query: { email, password: md5 }, auth: false });
      this.token = login.user_auth_token;
      this.currentUser = login.user;
      return login.user;
    } catch (e) {
      if (e instanceof QobuzError && (e.status === 401 || e.code === 'auth_required' || e.code === 'auth_invalid_token')) {
        throw new QobuzError('auth_password_rejected', PASSWORD_REJECTED_MESSAGE, e.status);
      }
      throw e;
    }
  }

  /** Every purchased album, paged (500 per call) to the albums' own total. Any failure aborts the listing. */
  listPurchasedAlbums(): Promise<QobuzPurchasedAlbum[]> {
    return this.pageAll<QobuzPurchasedAlbum>('purchase/getUserPurchases', 'albums', (p) => {
      const page = qobuzPurchasesSchema.parse(p).albums;
      return page && { total: page.total, items: page.items, key: (a) => a.id };
    });
  }

  /** Every track bought on its own, paged to the tracks' own total. */
  listPurchasedTracks(): Promise<QobuzPurchasedTrack[]> {
    return this.pageAll<QobuzPurchasedTrack>('purchase/getUserPurchases', 'tracks', (p) => {
      const page = qobuzPurchasesSchema.parse(p).tracks;
      return page && { total: page.total, items: page.items, key: (t) => String(t.id) };
    });
  }

  /** Only the ids of purchases: a cheap way to see whether anything changed since the last sync. */
  async purchaseIds(): Promise<QobuzPurchaseIds> {
    const albumIds = await this.pageAll<string>('purchase/getUserPurchasesIds', 'albums', (p) => {
      const page = qobuzPurchaseIdsSchema.parse(p).albums;
      return page && { total: page.total, items: page.items.map((i) => i.id), key: (id) => id };
    });
    const trackIds = await this.pageAll<number>('purchase/getUserPurchasesIds', 'tracks', (p) => {
      const page = qobuzPurchaseIdsSchema.parse(p).tracks;
      return page && { total: page.total, items: page.items.map((i) => i.id), key: (id) => String(id) };
    });
    return { albumIds, trackIds };
  }

  /** album/get with every track (limit 1200, paged further in the rare case of more). */
  async getAlbum(albumId: string): Promise<QobuzAlbum> {
    const first = await this.call('album/get', qobuzAlbumSchema, { query: { album_id: albumId, limit: ALBUM_TRACK_PAGE, offset: 0 } });
    const items = [...first.tracks.items];
    while (items.length < first.tracks.total) {
      const next = await this.call('album/get', qobuzAlbumSchema, { query: { album_id: albumId, limit: ALBUM_TRACK_PAGE, offset: items.length } });
      if (!next.tracks.items.length) break;
      items.push(...next.tracks.items);
    }
    return { ...first, tracks: { ...first.tracks, items } };
  }

  /** track/get: a track with its album (for standalone purchases). */
  getTrack(trackId: number | string): Promise<QobuzTrackWithAlbum> {
    return this.call('track/get', qobuzTrackWithAlbumSchema, { query: { track_id: trackId } });
  }

  /**
   * A signed, short-lived file URL. A rejected signature makes the client re-scrape the web player once and
   * retry (unless the secret was set explicitly).
   */
  async getFileUrl(trackId: number | string, formatId: number, intent: QobuzIntent): Promise<QobuzFileUrl> {
    try {
      return await this.signedFileUrl(trackId, formatId, intent, await this.signingSecret());
    } catch (e) {
      if (!(e instanceof QobuzError) || e.code !== 'bad_signature') throw e;
      if (this.options.appSecret) {
        throw new QobuzError(
          'bad_signature',
          'Qobuz rejected the request signature made with the configured QOBUZ_APP_SECRET; check it, or unset it to let Cassette find the current one.',
          e.status,
        );
      }
      // The web player moved on (new secrets): scrape again, find the secret that signs, retry once.
      const app = await this.discovery.load({ force: true });
      this.app = Promise.resolve(app);
      this.secret = undefined;
      return this.signedFileUrl(trackId, formatId, intent, await this.signingSecret());
    }
  }

  /** Where to send the user's browser for OAuth login. */
  async signinUrl(redirectUrl: string): Promise<string> {
    const base = (this.options.signinBase ?? new URL(this.apiBase).origin).replace(/\/$/, '');
    const q = new URLSearchParams({ ext_app_id: await this.appId(), redirect_url: redirectUrl });
    return `${base}/signin/oauth?${q.toString()}`;
  }

  /** Exchanges the code from the OAuth redirect for a user token (needs the bundle's privateKey). */
  async oauthExchange(code: string): Promise<QobuzOAuthToken> {
    const app = await this.discovered();
    const privateKey = app?.privateKey;
    if (!privateKey) throw new QobuzError('oauth_failed', 'The Qobuz web player bundle has no OAuth private key; copy a token from the web player into QOBUZ_TOKEN instead.');
    const appId = await this.appId();
    try {
      const r = await this.call('oauth/callback', qobuzOAuthTokenSchema, { query: { code, private_key: privateKey, app_id: appId }, auth: false });
      return { token: r.token, userId: String(r.user_id) };
    } catch (e) {
      if (e instanceof QobuzError && (e.status === 400 || e.status === 401)) {
        throw new QobuzError('oauth_failed', `Qobuz refused the login code (${e.message}); run \`qoget login\` again.`, e.status);
      }
      throw e;
    }
  }

  // ------------------------------------------------------------------ internals

  private discovered(): Promise<DiscoveredQobuzApp | undefined> {
    const explicit = this.options.appId && this.options.appSecret;
    this.app ??= explicit ? Promise.resolve(undefined) : this.discovery.load();
    // A failed discovery must not stick: the next call tries again.
    this.app.catch(() => (this.app = undefined));
    return this.app;
  }

  private async signingSecret(): Promise<string> {
    if (this.options.appSecret) return this.options.appSecret;
    this.secret ??= (async () => {
      const app = await this.discovered();
      if (!app) throw new QobuzError('discovery_failed', 'No Qobuz signing secret.');
      return this.discovery.pickSecret(app, (appId, secret) => this.checkSecret(appId, secret));
    })();
    this.secret.catch(() => (this.secret = undefined));
    return this.secret;
  }

  /** Signs one getFileUrl with a candidate: only "Invalid Request Signature" means the secret is wrong. */
  private async checkSecret(appId: string, secret: string): Promise<'ok' | 'bad_signature'> {
    try {
      await this.signedFileUrl(SECRET_PROBE_TRACK, 5, 'stream', secret, appId);
      return 'ok';
    } catch (e) {
      if (e instanceof QobuzError && e.code === 'bad_signature') return 'bad_signature';
      if (e instanceof QobuzError && e.status !== undefined && e.status >= 400 && e.status < 500 && e.status !== 410 && e.status !== 429) return 'ok';
      throw e;
    }
  }

  private signedFileUrl(trackId: number | string, formatId: number, intent: QobuzIntent, secret: string, appId?: string): Promise<QobuzFileUrl> {
    const ts = Math.floor(Date.now() / 1000);
    const sig = qobuzSignature({ trackId, formatId, intent, ts, secret });
    return this.call('track/getFileUrl', qobuzFileUrlSchema, {
      query: { track_id: trackId, format_id: formatId, intent, request_ts: ts, request_sig: sig },
      appId,
    });
  }

  private async pageAll<T>(
    endpoint: string,
    type: 'albums' | 'tracks',
    pick: (body: unknown) => { total: number; items: T[]; key: (item: T) => string } | undefined,
  ): Promise<T[]> {
    const byKey = new Map<string, T>();
    let offset = 0;
    for (;;) {
      const body = await this.call(endpoint, z.unknown(), { query: { type, limit: PURCHASE_PAGE, offset } });
      let page: ReturnType<typeof pick>;
      try {
        page = pick(body);
      } catch (e) {
        throw new QobuzError('invalid_response', `Unexpected ${type} page from Qobuz ${endpoint} (offset ${offset}): ${zodMessage(e)}`);
      }
      if (!page) throw new QobuzError('invalid_response', `Qobuz ${endpoint} answered without ${type} (offset ${offset}).`);
      for (const item of page.items) byKey.set(page.key(item), item);
      offset += page.items.length;
      if (offset >= page.total) break;
      if (!page.items.length) {
        throw new QobuzError(
          'incomplete_listing',
          `Qobuz reported ${page.total} purchased ${type} but stopped sending them after ${offset}; the listing was not used. Try again later.`,
        );
      }
    }
    return [...byKey.values()];
  }

  private async call<S extends z.ZodType>(endpoint: string, schema: S, o: CallOptions = {}): Promise<z.infer<S>> {
    const headers: Record<string, string> = { 'X-App-Id': o.appId ?? (await this.appId()), ...o.headers };
    if (o.auth !== false && this.token) headers['X-User-Auth-Token'] = this.token;
    const req: RequestOptions = { method: o.method ?? 'GET', query: o.query, headers, body: o.body, ...(o.idempotent ? { idempotent: true } : {}) };

    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await this.api.raw(endpoint, req);
      } catch (e) {
        throw this.toQobuzError(endpoint, e, headers['X-User-Auth-Token'] !== undefined);
      }
      if (/text\/html/i.test(res.headers.get('content-type') ?? '')) {
        await res.body?.cancel().catch(() => undefined);
        throw new QobuzError(
          'waf_blocked',
          `Qobuz answered ${endpoint} with a web page instead of data (HTTP ${res.status}, text/html): its firewall is probably blocking this network for a while. Wait a few hours or try another connection.`,
          res.status,
        );
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        if (attempt < BODY_RETRIES) continue;
        throw new QobuzError('unavailable', `The connection to Qobuz broke while reading ${endpoint}: ${errMessage(e)}`);
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        if (attempt < BODY_RETRIES) continue;
        throw new QobuzError('invalid_response', `Qobuz answered ${endpoint} with something that is not JSON (starts with ${JSON.stringify(text.slice(0, 40))}).`);
      }
      const parsed = schema.safeParse(data);
      if (!parsed.success) {
        throw new QobuzError('invalid_response', `Unexpected answer from Qobuz ${endpoint}: ${zodMessage(parsed.error)}`);
      }
      return parsed.data;
    }
  }

  private toQobuzError(endpoint: string, e: unknown, hadToken: boolean): Error {
    if (e instanceof QobuzError) return e;
    if (!(e instanceof HttpStatusError)) {
      return new QobuzError('unavailable', `Could not reach Qobuz (${endpoint}): ${errMessage(e)}`);
    }
    const message = parseErrorMessage(e.bodyText);
    const said = message ? `: ${message}` : '';
    switch (true) {
      case e.status === 400 && /request_sig|signature/i.test(message):
        return new QobuzError('bad_signature', `Qobuz rejected the request signature (${endpoint})${said}`, 400);
      case e.status === 400 && /app_id/i.test(message):
        return new QobuzError('app_id_rejected', `Qobuz rejected the app_id (${endpoint})${said}. A token works only with the app_id that minted it.`, 400);
      case e.status === 401 && hadToken:
        return new QobuzError('auth_invalid_token', `Qobuz rejected the user token (${endpoint})${said}. Copy a fresh token from the web player into QOBUZ_TOKEN or run \`qoget login\`.`, 401);
      case e.status === 401:
        return new QobuzError('auth_required', `Qobuz needs a logged-in user for ${endpoint}${said}. Set QOBUZ_TOKEN or run \`qoget login\`.`, 401);
      case e.status === 404:
        return new QobuzError('not_found', `Qobuz has no such item (${endpoint})${said}`, 404);
      case e.status === 410:
        return new QobuzError('endpoint_gone', `Qobuz retired ${endpoint} (HTTP 410)${said}; Cassette needs an update.`, 410);
      case e.status === 429:
        return new QobuzError('rate_limited', `Qobuz asked us to slow down (${endpoint}, HTTP 429); try again later.`, 429, e.retryAfterMs);
      case e.status >= 500:
        return new QobuzError('unavailable', `Qobuz had a server error on ${endpoint} (HTTP ${e.status}); try again later.`, e.status);
      default:
        return new QobuzError('invalid_response', `Qobuz refused ${endpoint} (HTTP ${e.status})${said}`, e.status);
    }
  }
}

function tokenError(e: unknown): unknown {
  if (e instanceof QobuzError && (e.code === 'auth_invalid_token' || e.code === 'auth_required')) {
    return new QobuzError('auth_invalid_token', 'Qobuz rejected the token (HTTP 401): it expired, was revoked, or was made for another app_id. Copy a fresh one from the web player into QOBUZ_TOKEN or run `qoget login`.', e.status);
  }
  return e;
}

function parseErrorMessage(bodyText: string): string {
  try {
    const parsed = qobuzErrorBodySchema.safeParse(JSON.parse(bodyText));
    return parsed.success ? (parsed.data.message ?? '') : '';
  } catch {
    return '';
  }
}

function zodMessage(e: unknown): string {
  if (e && typeof e === 'object' && 'issues' in e && Array.isArray(e.issues)) {
    const issue = e.issues[0] as { path?: PropertyKey[]; message?: string } | undefined;
    return `${issue?.path?.map(String).join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
  }
  return errMessage(e);
}

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
