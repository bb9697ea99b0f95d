// The Web API for one signed-in account: every request goes through the account's queue, carries a fresh token
// (401 → one refresh, then "sign in again"), waits out short 429s by pausing the whole queue, and turns the rest
// into typed errors. Identical GETs in flight at once share one request. Every response is zod-parsed.
import type { z } from 'zod';
import type { Clock } from '../../base';
import { HttpClient, HttpParseError, HttpStatusError, type RequestOptions } from '../../net';
import type { AccessTokens } from './accessTokens';
import type { LookupKind, SpotifyLookupCache } from './lookupCache';
import type { AccountRequestQueue, Sleep } from './requestQueue';
import { realSleep } from './requestQueue';
import {
  albumSchema, albumTracksPageSchema, apiErrorSchema, artistAlbumsPageSchema, artistSchema, containsSchema, fullAlbumSchema, imagesSchema, meSchema,
  playlistItemsPageSchema, playlistSchema, playlistsPageSchema, savedTracksPageSchema, searchArtistsSchema, searchTracksSchema, snapshotSchema, trackSchema,
  type ArtistAlbumsPage, type PlaylistItemsPage, type PlaylistsPage, type SavedTracksPage, type SpotifyAlbum, type SpotifyArtist, type SpotifyMe,
  type SpotifyPlaylist, type SpotifySimplifiedAlbum, type SpotifyTrack,
} from './schemas';
import { signInAgain, SpotifyError } from './spotifyError';

/** Development Mode limits. */
export const SPOTIFY_LIMITS = { page: 50, library: 40, playlistAdd: 100, search: 10, artistAlbums: 10, albumTracks: 50 } as const;

/** Pages of an artist's albums read at most: 10 per page, so the newest 50 of each kind (big discographies). */
const MAX_ARTIST_ALBUM_PAGES = 5;

export interface SpotifyApiOptions {
  account: string;
  apiBase: string;
  tokens: AccessTokens;
  queue: AccountRequestQueue;
  cache?: SpotifyLookupCache;
  clock: Clock;
  /** A Retry-After longer than this is not waited out inside a request: it surfaces as `rate_limited`. */
  maxWaitMs?: number;
  sleep?: Sleep;
  timeoutMs?: number;
}

type Query = RequestOptions['query'];

export class SpotifyApi {
  readonly account: string;
  private readonly http: HttpClient;
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly lookups = new Map<string, Promise<unknown>>();
  private readonly sleep: Sleep;
  /** Web API requests sent (every attempt counts). */
  requestCount = 0;

  constructor(private readonly o: SpotifyApiOptions) {
    this.account = o.account;
    // Retries are ours (below): the account queue must see every 429, so the client itself never retries.
    this.http = new HttpClient({ baseUrl: o.apiBase, retries: 0, timeoutMs: o.timeoutMs ?? 30_000 });
    this.sleep = o.sleep ?? realSleep;
  }

  me(): Promise<SpotifyMe> {
    return this.get('me', meSchema);
  }

  savedTracks(offset: number, limit: number = SPOTIFY_LIMITS.page): Promise<SavedTracksPage> {
    return this.get('me/tracks', savedTracksPageSchema, { offset, limit });
  }

  myPlaylists(offset: number, limit: number = SPOTIFY_LIMITS.page): Promise<PlaylistsPage> {
    return this.get('me/playlists', playlistsPageSchema, { offset, limit });
  }

  playlist(id: string): Promise<SpotifyPlaylist> {
    return this.get(`playlists/${encodeURIComponent(id)}`, playlistSchema);
  }

  playlistItems(id: string, offset: number, limit: number = SPOTIFY_LIMITS.page): Promise<PlaylistItemsPage> {
    return this.get(`playlists/${encodeURIComponent(id)}/items`, playlistItemsPageSchema, { offset, limit, additional_types: 'track,episode' });
  }

  playlistImages(id: string) {
    return this.get(`playlists/${encodeURIComponent(id)}/images`, imagesSchema);
  }

  async libraryContains(uris: string[]): Promise<boolean[]> {
    checkBatch(uris, SPOTIFY_LIMITS.library);
    const r = await this.get('me/library/contains', containsSchema, { uris: uris.join(',') });
    if (r.length !== uris.length) throw new SpotifyError('unavailable', 'Spotify answered /me/library/contains with the wrong number of values.');
    return r;
  }

  async saveToLibrary(uris: string[]): Promise<void> {
    checkBatch(uris, SPOTIFY_LIMITS.library);
    await this.send('PUT', 'me/library', undefined, { query: { uris: uris.join(',') } });
  }

  createPlaylist(p: { name: string; description: string; public: boolean; collaborative: boolean }): Promise<SpotifyPlaylist> {
    return this.send('POST', 'me/playlists', playlistSchema, { json: p });
  }

  async addPlaylistItems(id: string, uris: string[]): Promise<void> {
    checkBatch(uris, SPOTIFY_LIMITS.playlistAdd);
    await this.send('POST', `playlists/${encodeURIComponent(id)}/items`, snapshotSchema, { json: { uris } });
  }

  async followPlaylist(id: string): Promise<void> {
    await this.send('PUT', `playlists/${encodeURIComponent(id)}/followers`, undefined, { json: { public: false } });
  }

  /** One track by id, through the shared lookup cache. */
  async track(id: string): Promise<SpotifyTrack> {
    const hit = this.o.cache?.get('track', id, trackSchema);
    if (hit) return hit;
    const t = await this.get(`tracks/${encodeURIComponent(id)}`, trackSchema);
    this.o.cache?.put('track', id, t);
    return t;
  }

  async searchTracks(q: string, limit: number = SPOTIFY_LIMITS.search): Promise<SpotifyTrack[]> {
    if (limit > SPOTIFY_LIMITS.search) throw new SpotifyError('invalid_input', `Spotify search returns at most ${SPOTIFY_LIMITS.search} results per request.`);
    const key = `${limit}:${q}`;
    const hit = this.o.cache?.get('search', key, searchTracksSchema);
    if (hit) return hit.tracks.items;
    const r = await this.get('search', searchTracksSchema, { q, type: 'track', limit });
    this.o.cache?.put('search', key, r);
    return r.tracks.items;
  }

  /** Artists by name: one request, at most 10 (the 2026 limit), through the lookup cache. */
  async searchArtists(q: string, limit: number = SPOTIFY_LIMITS.search): Promise<SpotifyArtist[]> {
    if (limit > SPOTIFY_LIMITS.search) throw new SpotifyError('invalid_input', `Spotify search returns at most ${SPOTIFY_LIMITS.search} results per request.`);
    const key = `artist:${limit}:${q}`;
    const hit = this.o.cache?.get('search', key, searchArtistsSchema);
    if (hit) return hit.artists.items;
    const r = await this.get('search', searchArtistsSchema, { q, type: 'artist', limit });
    this.o.cache?.put('search', key, r);
    return r.artists.items;
  }

  /** One artist (name, images, genres) by id, through the lookup cache. */
  async artist(id: string): Promise<SpotifyArtist> {
    return this.cached('artist', id, artistSchema, () => this.get(`artists/${encodeURIComponent(id)}`, artistSchema));
  }

  /**
   * The artist's own releases — albums, singles and EPs, compilations — newest first per kind as Spotify lists
   * them, every page up to MAX_ARTIST_ALBUM_PAGES; `album_type`/`album_group` tell them apart. Cached as one list.
   */
  async artistAlbums(id: string, groups: readonly string[] = ['album', 'single', 'compilation']): Promise<SpotifySimplifiedAlbum[]> {
    const include = groups.join(',');
    const key = `albums:${id}:${include}`;
    return this.cached('artist', key, artistAlbumsPageSchema.shape.items, async () => {
      const out: SpotifySimplifiedAlbum[] = [];
      for (let page = 0; page < MAX_ARTIST_ALBUM_PAGES; page++) {
        const r: ArtistAlbumsPage = await this.get(`artists/${encodeURIComponent(id)}/albums`, artistAlbumsPageSchema, {
          include_groups: include, limit: SPOTIFY_LIMITS.artistAlbums, offset: page * SPOTIFY_LIMITS.artistAlbums,
        });
        out.push(...r.items);
        if (!r.next || r.items.length === 0) break;
      }
      return out;
    });
  }

  /** One album with every track (the embedded first page, then /tracks pages of 50), cached once per album. */
  async album(id: string): Promise<SpotifyAlbum> {
    return this.cached('album', id, fullAlbumSchema, async () => {
      const a = await this.get(`albums/${encodeURIComponent(id)}`, albumSchema);
      const tracks = [...a.tracks.items];
      let next = a.tracks.next;
      while (next && tracks.length < a.tracks.total) {
        const p = await this.get(`albums/${encodeURIComponent(id)}/tracks`, albumTracksPageSchema, { limit: SPOTIFY_LIMITS.albumTracks, offset: tracks.length });
        if (p.items.length === 0) break;
        tracks.push(...p.items);
        next = p.next;
      }
      return { ...a, tracks };
    });
  }

  /**
   * A cached lookup, single-flight across callers: concurrent asks for the same key share one fetch (the
   * in-flight GET map only covers one request; this covers a multi-page lookup too).
   */
  private cached<S extends z.ZodType>(kind: LookupKind, key: string, schema: S, load: () => Promise<z.infer<S>>): Promise<z.infer<S>> {
    const hit = this.o.cache?.get(kind, key, schema);
    if (hit !== undefined) return Promise.resolve(hit);
    const flightKey = `${kind}:${key}`;
    const existing = this.lookups.get(flightKey);
    if (existing) return existing as Promise<z.infer<S>>;
    const p = load()
      .then((value) => {
        this.o.cache?.put(kind, key, value);
        return value;
      })
      .finally(() => this.lookups.delete(flightKey));
    this.lookups.set(flightKey, p);
    return p;
  }

  /** Cover bytes from the image CDN (no token, not a Web API request; URLs expire, so fetch at backup time). */
  async image(url: string): Promise<Buffer> {
    const u = new URL(url);
    const http = new HttpClient({ baseUrl: u.origin, retries: 2, timeoutMs: 30_000, backoffLimitMs: 2_000 });
    try {
      const res = await http.raw(`${u.pathname}${u.search}`);
      return Buffer.from(await res.arrayBuffer());
    } catch (e) {
      throw new SpotifyError(e instanceof HttpStatusError && e.status === 404 ? 'not_found' : 'unavailable', `Could not fetch a playlist cover: ${(e as Error).message}`);
    }
  }

  private get<S extends z.ZodType>(path: string, schema: S, query?: Query): Promise<z.infer<S>> {
    const key = `${path}?${new URLSearchParams(Object.entries(query ?? {}).map(([k, v]) => [k, String(v)])).toString()}`;
    const existing = this.inflight.get(key);
    if (existing) return existing as Promise<z.infer<S>>;
    const p = this.send('GET', path, schema, { query }).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p as Promise<z.infer<S>>;
  }

  private async send<S extends z.ZodType>(method: 'GET' | 'PUT' | 'POST', path: string, schema: S | undefined, opts: Pick<RequestOptions, 'query' | 'json'>): Promise<z.infer<S>> {
    let refreshed = false;
    let waits = 0;
    let serverErrors = 0;
    for (;;) {
      const token = await this.o.tokens.get();
      try {
        return await this.o.queue.run(async () => {
          this.requestCount++;
          const req: RequestOptions = { ...opts, method, headers: { authorization: `Bearer ${token}` } };
          if (schema) return this.http.json(path, schema, req);
          await this.http.raw(path, req);
          return undefined as z.infer<S>;
        });
      } catch (e) {
        if (e instanceof HttpParseError) throw new SpotifyError('unavailable', e.message);
        if (!(e instanceof HttpStatusError)) {
          // Network failure: a read may be repeated; a write may have landed, so it is not blindly resent.
          if (method === 'GET' && serverErrors++ < 2) {
            await this.sleep(500 * serverErrors);
            continue;
          }
          throw new SpotifyError('unavailable', `Could not reach Spotify: ${(e as Error).message}`);
        }
        const body = apiErrorSchema.safeParse(safeJson(e.bodyText));
        const message = body.success ? (body.data.error.message ?? '') : '';
        const reason = body.success ? body.data.error.reason : undefined;
        if (e.status === 401) {
          if (refreshed) throw signInAgain(this.account);
          refreshed = true;
          await this.o.tokens.refresh(token);
          continue;
        }
        if (e.status === 429) {
          if (reason === 'QUOTA_EXCEEDED') {
            throw new SpotifyError('quota_exceeded', "The Spotify app's request quota is used up for now; the job is paused and keeps its progress — resume it later.", e.retryAfterMs);
          }
          const wait = e.retryAfterMs ?? 1000;
          if (wait > (this.o.maxWaitMs ?? 120_000) || waits++ >= 10) {
            throw new SpotifyError('rate_limited', `Spotify asks to wait ${Math.ceil(wait / 1000)} s before the next request; the job is paused — resume it later.`, wait);
          }
          this.o.queue.pause(wait);
          continue;
        }
        if (e.status >= 500 && method === 'GET' && serverErrors++ < 2) {
          await this.sleep(500 * serverErrors);
          continue;
        }
        throw errorFor(e.status, message, this.account, path);
      }
    }
  }
}

function errorFor(status: number, message: string, account: string, path: string): SpotifyError {
  if (status === 403) {
    if (/not be registered|not registered/i.test(message)) {
      return new SpotifyError('not_allowlisted', `Spotify account "${account}" is not on your app's allow-list: add its e-mail under User Management in the Spotify developer dashboard (Development Mode allows 5 users).`);
    }
    if (/premium/i.test(message)) {
      return new SpotifyError('premium_required', 'The owner of your Spotify app no longer has Premium, which Development Mode requires: renew Premium on the account that created the Client ID.');
    }
    return new SpotifyError('forbidden', `Spotify does not allow this (${path}): ${message || 'forbidden'}.`);
  }
  if (status === 404) return new SpotifyError('not_found', `Spotify has no such thing (${path}).`);
  if (status === 400) return new SpotifyError('invalid_input', `Spotify refused the request (${path}): ${message || 'bad request'}.`);
  return new SpotifyError('unavailable', `Spotify answered HTTP ${status} (${path})${message ? `: ${message}` : ''}; try again later.`);
}

function checkBatch(uris: string[], max: number): void {
  if (uris.length === 0 || uris.length > max) throw new SpotifyError('invalid_input', `Between 1 and ${max} URIs per request (got ${uris.length}).`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
