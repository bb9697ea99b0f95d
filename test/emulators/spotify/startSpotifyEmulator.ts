// A faithful fake of Spotify's accounts service and Web API (Development Mode, 2026) over node:http, for tests
// and benchmarks. Faithful where clients go wrong: PKCE S256 verified, loopback-literal redirect URIs only,
// access tokens that expire, refresh tokens that rotate or die (invalid_grant), `item` instead of `track` in
// playlist entries, `/items` readable only by owner or collaborators (403 for followers), limits enforced
// (search ≤ 10, /me/library ≤ 40 URIs, playlist adds ≤ 100, pages ≤ 50), 403 for users not on the allow-list,
// and write endpoints that change the world.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthState } from './auth';
import { SpotifyFaults } from './faults';
import { EMU_JPEGS } from './images';
import { albumRefToWire, artistProfileToWire, entryToWire, episodeToWire, meToWire, page, playlistToWire, simplifiedTrackToWire, trackToWire } from './wire';
import { snapshotId, SpotifyWorld, type EmuAlbum, type EmuArtistProfile, type EmuEntryRef, type EmuPlaylist } from './world';

export interface SpotifyEmulatorOptions {
  clientId?: string;
  world?: SpotifyWorld;
  accessTokenTtlSec?: number;
  rotateRefreshTokens?: boolean;
  /** Pre-2026 shape: playlist entries under `track` instead of `item`. */
  legacyTrackKey?: boolean;
  now?: () => number;
}

export interface SpotifyEmulator {
  /** Origin of both services: accounts at `/authorize` + `/api/token`, the Web API under `/v1`. */
  url: string;
  accountsBase: string;
  apiBase: string;
  clientId: string;
  world: SpotifyWorld;
  auth: AuthState;
  faults: SpotifyFaults;
  /** Every Web API request as "METHOD /v1/path?query", in order. */
  requests: string[];
  /** Write requests (PUT/POST/DELETE) to the Web API that succeeded. */
  writes: string[];
  /** Milliseconds spent inside the request handler (the emulator's share of a run's wall time). */
  busyMs(): number;
  /** The user the authorize page signs in next (default: the first user added). */
  signInAs(userId: string): void;
  /** The next authorize page answers `error=access_denied`. */
  denyNextSignIn(): void;
  close(): Promise<void>;
}

class Reply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

const apiError = (status: number, message: string, reason?: string) => new Reply(status, { error: { status, message, ...(reason ? { reason } : {}) } });

export async function startSpotifyEmulator(options: SpotifyEmulatorOptions = {}): Promise<SpotifyEmulator> {
  const world = options.world ?? new SpotifyWorld();
  const clientId = options.clientId ?? 'emulated-client-id';
  const now = options.now ?? Date.now;
  const auth = new AuthState({ clientId, accessTokenTtlSec: options.accessTokenTtlSec ?? 3600, rotateRefreshTokens: options.rotateRefreshTokens ?? false }, now);
  const faults = new SpotifyFaults();
  const requests: string[] = [];
  const writes: string[] = [];
  let busy = 0;
  let nextUser: string | undefined;
  let denyNext = false;
  let origin = '';
  const itemKey = options.legacyTrackKey ? 'track' : 'item';

  function authorize(url: URL): Reply {
    const q = url.searchParams;
    const redirect = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== clientId) return new Reply(400, 'INVALID_CLIENT: Invalid client');
    // Spotify accepts only loopback literals for http redirects since 2025; `localhost` is refused.
    let r: URL;
    try {
      r = new URL(redirect);
    } catch {
      return new Reply(400, 'INVALID_CLIENT: Invalid redirect URI');
    }
    if (r.protocol !== 'http:' || r.hostname !== '127.0.0.1' || r.pathname !== '/callback') return new Reply(400, 'INVALID_CLIENT: Invalid redirect URI');
    if (q.get('response_type') !== 'code') return new Reply(400, 'response_type must be code');
    if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return new Reply(400, 'code_challenge_method must be S256');
    const state = q.get('state');
    if (state) r.searchParams.set('state', state);
    if (denyNext) {
      denyNext = false;
      r.searchParams.set('error', 'access_denied');
      return new Reply(302, undefined, { location: r.toString() });
    }
    const userId = nextUser ?? world.users.keys().next().value;
    if (!userId) return new Reply(500, 'the emulator has no users');
    const code = auth.issueCode({ userId, clientId, redirectUri: redirect, challenge: q.get('code_challenge') ?? '', scope: q.get('scope') ?? '' });
    r.searchParams.set('code', code);
    return new Reply(302, undefined, { location: r.toString() });
  }

  async function api(req: IncomingMessage, url: URL): Promise<Reply> {
    const method = req.method ?? 'GET';
    const apiBase = `${origin}/v1`;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const who = bearer ? auth.userFor(bearer) : undefined;
    if (who === undefined) return apiError(401, 'Invalid access token');
    if (who === 'expired') return apiError(401, 'The access token expired');
    const fault = faults.take(method, url.pathname + url.search);
    if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, fault.latencyMs ?? 100));
    else if (fault) {
      switch (fault.kind) {
        case 'rate_limit':
          return new Reply(429, { error: { status: 429, message: 'API rate limit exceeded' } }, { 'retry-after': String(fault.retryAfterSec ?? 1) });
        case 'quota_exceeded':
          return new Reply(429, { error: { status: 429, message: 'Quota exceeded', reason: 'QUOTA_EXCEEDED' } }, fault.retryAfterSec ? { 'retry-after': String(fault.retryAfterSec) } : {});
        case 'server_error':
          return apiError(fault.status ?? 500, 'Server error');
        case 'premium_required':
          return apiError(403, 'Active premium subscription required for the owner of the app.');
        case 'token_expired':
          return apiError(401, 'The access token expired');
        default:
          break;
      }
    }
    const user = world.users.get(who);
    if (!user) return apiError(401, 'Invalid access token');
    if (!user.registered) return apiError(403, 'Check settings on developer.spotify.com/dashboard, the user may not be registered.');
    const path = url.pathname.slice('/v1'.length).replace(/\/+$/, '');
    const q = url.searchParams;
    let m: RegExpMatchArray | null;
    const paging = (max: number, def = 20): { offset: number; limit: number } | Reply => {
      const limit = q.has('limit') ? Number(q.get('limit')) : def;
      const offset = q.has('offset') ? Number(q.get('offset')) : 0;
      if (!Number.isInteger(limit) || limit < 1 || limit > max) return apiError(400, 'Invalid limit');
      if (!Number.isInteger(offset) || offset < 0) return apiError(400, 'Invalid offset');
      return { offset, limit };
    };

    if (method === 'GET' && path === '/me') return new Reply(200, meToWire(apiBase, user));

    if (method === 'GET' && path === '/me/tracks') {
      const p = paging(50);
      if (p instanceof Reply) return p;
      const items = user.likes.slice(p.offset, p.offset + p.limit).map((l) => {
        const t = world.tracks.get(l.trackId);
        return { added_at: l.addedAt, track: t ? trackToWire(apiBase, t, world) : null };
      });
      return new Reply(200, page(url, items, p.offset, p.limit, user.likes.length));
    }

    if (method === 'GET' && path === '/me/playlists') {
      const p = paging(50);
      if (p instanceof Reply) return p;
      const items = user.library.slice(p.offset, p.offset + p.limit).map((id) => playlistToWire(apiBase, origin, world, world.playlist(id)));
      return new Reply(200, page(url, items, p.offset, p.limit, user.library.length));
    }

    if (path === '/me/library' || path === '/me/library/contains') {
      const uris = (q.get('uris') ?? '').split(',').filter(Boolean);
      if (uris.length === 0) return apiError(400, 'Missing uris');
      if (uris.length > 40) return apiError(400, 'Too many ids requested');
      const ids: string[] = [];
      for (const uri of uris) {
        const id = /^spotify:track:([A-Za-z0-9]{22})$/.exec(uri)?.[1];
        if (!id) return apiError(400, `Unsupported URI ${uri}`);
        ids.push(id);
      }
      if (method === 'GET' && path === '/me/library/contains') return new Reply(200, ids.map((id) => user.likes.some((l) => l.trackId === id)));
      if (method === 'PUT' && path === '/me/library') {
        if (ids.some((id) => !world.tracks.get(id) || world.tracks.get(id)?.removed)) return apiError(400, 'Invalid id');
        world.like(user.id, ids);
        writes.push(`PUT ${path}`);
        return new Reply(200);
      }
    }

    if (method === 'POST' && path === '/me/playlists') {
      const body = await readJson(req);
      if (!isObject(body) || typeof body.name !== 'string' || !body.name) return apiError(400, 'Missing name');
      const collaborative = body.collaborative === true;
      const isPublic = body.public !== false;
      if (collaborative && isPublic) return apiError(400, 'Collaborative playlists must be private');
      const p = world.addPlaylist({ ownerId: user.id, name: body.name, description: typeof body.description === 'string' ? body.description : '', public: isPublic, collaborative });
      writes.push(`POST ${path}`);
      return new Reply(201, playlistToWire(apiBase, origin, world, p));
    }

    if ((m = path.match(/^\/playlists\/([^/]+)(\/items|\/images|\/followers)?$/))) {
      const p = world.playlists.get(decodeURIComponent(m[1] ?? ''));
      if (!p) return apiError(404, 'Resource not found');
      const sub = m[2];
      const canRead = p.ownerId === user.id || (p.collaborative && p.collaborators.has(user.id));
      if (!sub && method === 'GET') return new Reply(200, playlistToWire(apiBase, origin, world, p));
      if (sub === '/images' && method === 'GET') return new Reply(200, playlistToWire(apiBase, origin, world, p).images);
      if (sub === '/followers' && method === 'PUT') {
        world.follow(user.id, p.id);
        writes.push(`PUT /playlists/{id}/followers`);
        return new Reply(200);
      }
      if (sub === '/items' && method === 'GET') {
        // 2026 Development Mode: contents only for playlists the user owns or collaborates on.
        if (!canRead) return apiError(403, 'Forbidden');
        const p2 = paging(50);
        if (p2 instanceof Reply) return p2;
        const types = (q.get('additional_types') ?? '').split(',');
        const items = p.entries.slice(p2.offset, p2.offset + p2.limit).map((e) => {
          const wire = entryToWire(apiBase, world, e, itemKey);
          // Without additional_types=episode, episodes come back as null (as the real API does).
          if (e.ref.kind === 'episode' && !types.includes('episode')) return { ...wire, [itemKey]: null };
          return wire;
        });
        return new Reply(200, page(url, items, p2.offset, p2.limit, p.entries.length));
      }
      if (sub === '/items' && method === 'POST') {
        if (!canRead) return apiError(403, 'You cannot add tracks to a playlist you don\'t own.');
        const body = await readJson(req);
        const uris = isObject(body) && Array.isArray(body.uris) ? body.uris : undefined;
        if (!uris || uris.length === 0 || uris.length > 100 || !uris.every((u): u is string => typeof u === 'string')) return apiError(400, 'uris: 1 to 100 URIs');
        const refs: EmuEntryRef[] = [];
        for (const uri of uris) {
          const ref = parseRef(world, uri);
          if (!ref) return apiError(400, `Invalid track uri: ${uri}`);
          refs.push(ref);
        }
        world.append(p.id, refs, user.id);
        writes.push(`POST /playlists/{id}/items`);
        return new Reply(201, { snapshot_id: snapshotId(p) });
      }
      return apiError(405, 'Method not allowed');
    }

    if (method === 'GET' && (m = path.match(/^\/tracks\/([^/]+)$/))) {
      const t = world.tracks.get(decodeURIComponent(m[1] ?? ''));
      if (!t || t.removed) return apiError(404, 'Resource not found');
      return new Reply(200, trackToWire(apiBase, t, world));
    }
    if (method === 'GET' && (m = path.match(/^\/episodes\/([^/]+)$/))) {
      const e = world.episodes.get(decodeURIComponent(m[1] ?? ''));
      if (!e) return apiError(404, 'Resource not found');
      return new Reply(200, episodeToWire(apiBase, e));
    }
    if (method === 'GET' && path === '/tracks') return apiError(403, 'Forbidden'); // batch lookups are gone

    if (method === 'GET' && path === '/search') {
      const p = paging(10, 10);
      if (p instanceof Reply) return p;
      const type = q.get('type');
      if (type === 'artist') {
        const hits = searchArtists(world, q.get('q') ?? '');
        const items = hits.slice(p.offset, p.offset + p.limit).map((a) => artistProfileToWire(apiBase, a));
        return new Reply(200, { artists: page(url, items, p.offset, p.limit, hits.length) });
      }
      if (type !== 'track') return apiError(400, 'Only type=track and type=artist are emulated');
      const hits = search(world, q.get('q') ?? '');
      const items = hits.slice(p.offset, p.offset + p.limit).map((t) => trackToWire(apiBase, t, world));
      return new Reply(200, { tracks: page(url, items, p.offset, p.limit, hits.length) });
    }

    if (method === 'GET' && (m = path.match(/^\/artists\/([^/]+)(\/albums)?$/))) {
      const artist = artistProfile(world, decodeURIComponent(m[1] ?? ''));
      if (!artist) return apiError(404, 'Resource not found');
      if (!m[2]) return new Reply(200, artistProfileToWire(apiBase, artist));
      // 2026 Development Mode: at most 10 albums per page.
      const p = paging(10, 10);
      if (p instanceof Reply) return p;
      const groups = (q.get('include_groups') ?? 'album,single,compilation,appears_on').split(',');
      const all = artistAlbums(world, artist.id).filter((x) => groups.includes(x.group));
      const items = all.slice(p.offset, p.offset + p.limit).map(({ album, group }) => albumRefToWire(apiBase, album, album.artists, album, group));
      return new Reply(200, page(url, items, p.offset, p.limit, all.length));
    }

    if (method === 'GET' && (m = path.match(/^\/albums\/([^/]+)(\/tracks)?$/))) {
      const album = world.albums.get(decodeURIComponent(m[1] ?? ''));
      if (!album) return apiError(404, 'Resource not found');
      const tracks = album.trackIds.map((id) => world.tracks.get(id)).filter((t) => t !== undefined);
      if (m[2]) {
        const p = paging(50, 20);
        if (p instanceof Reply) return p;
        const items = tracks.slice(p.offset, p.offset + p.limit).map((t) => simplifiedTrackToWire(apiBase, t));
        return new Reply(200, page(url, items, p.offset, p.limit, tracks.length));
      }
      // The album object embeds the first page (50) of its tracks; the rest come from /albums/{id}/tracks.
      const first = new URL(`${apiBase}/albums/${album.id}/tracks`);
      return new Reply(200, {
        ...albumRefToWire(apiBase, album, album.artists, album),
        genres: [],
        tracks: page(first, tracks.slice(0, 50).map((t) => simplifiedTrackToWire(apiBase, t)), 0, 50, tracks.length),
      });
    }
    return apiError(404, 'Service not found');
  }

  async function route(req: IncomingMessage, url: URL): Promise<Reply> {
    const method = req.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/authorize') return authorize(url);
    if (method === 'POST' && url.pathname === '/api/token') {
      const form = new URLSearchParams(await readText(req));
      const r = auth.exchange(form);
      return r.ok ? new Reply(200, r.body) : new Reply(r.status, { error: r.error, error_description: r.description });
    }
    const art = url.pathname.match(/^\/image\/(artist|album)\/([^/]+)\/\d+$/);
    if (method === 'GET' && art) {
      const id = art[2] ?? '';
      const index = art[1] === 'artist' ? world.artists.get(id)?.image : world.albums.get(id)?.image;
      const jpeg = index === undefined ? undefined : EMU_JPEGS[index % EMU_JPEGS.length];
      return jpeg ? new Reply(200, jpeg, { 'content-type': 'image/jpeg' }) : new Reply(404, 'Not found');
    }
    const img = url.pathname.match(/^\/image\/([^/]+)\/\d+$/);
    if (method === 'GET' && img) {
      const p = world.playlists.get(img[1] ?? '');
      return p?.cover ? new Reply(200, p.cover, { 'content-type': 'image/jpeg' }) : new Reply(404, 'Not found');
    }
    if (url.pathname.startsWith('/v1/')) {
      requests.push(`${method} ${url.pathname}${url.search}`);
      return api(req, url);
    }
    return new Reply(404, 'Not found');
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    route(req, url)
      .then((reply) => send(res, reply))
      .catch((e: unknown) => send(res, apiError(500, e instanceof Error ? e.message : String(e))))
      .finally(() => (busy += performance.now() - started));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    accountsBase: origin,
    apiBase: `${origin}/v1`,
    clientId,
    world,
    auth,
    faults,
    requests,
    writes,
    busyMs: () => busy,
    signInAs: (id) => void (nextUser = id),
    denyNextSignIn: () => void (denyNext = true),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseRef(world: SpotifyWorld, uri: string): EmuEntryRef | undefined {
  const t = /^spotify:track:([A-Za-z0-9]{22})$/.exec(uri)?.[1];
  if (t) return world.tracks.get(t) && !world.tracks.get(t)?.removed ? { kind: 'track', id: t } : undefined;
  const e = /^spotify:episode:([A-Za-z0-9]{22})$/.exec(uri)?.[1];
  if (e) return world.episodes.has(e) ? { kind: 'episode', id: e } : undefined;
  return undefined; // local files and anything else cannot be added through the API
}

/** An artist's profile, or a bare one for an artist only tracks name (no image, no genres). */
function artistProfile(world: SpotifyWorld, id: string): EmuArtistProfile | undefined {
  const known = world.artists.get(id);
  if (known) return known;
  for (const t of world.tracks.values()) {
    const a = t.artists.find((x) => x.id === id);
    if (a) return { id: a.id, name: a.name, genres: [] };
  }
  return undefined;
}

/** Albums by the artist (their albums, singles, compilations), then the ones they only appear on. */
function artistAlbums(world: SpotifyWorld, artistId: string): { album: EmuAlbum; group: string }[] {
  const own: { album: EmuAlbum; group: string }[] = [];
  const appears: { album: EmuAlbum; group: string }[] = [];
  for (const album of world.albums.values()) {
    if (album.artists.some((a) => a.id === artistId)) own.push({ album, group: album.type });
    else if (album.trackIds.some((id) => world.tracks.get(id)?.artists.some((a) => a.id === artistId))) appears.push({ album, group: 'appears_on' });
  }
  const order = { album: 0, single: 1, compilation: 2 } as Record<string, number>;
  own.sort((x, y) => (order[x.group] ?? 3) - (order[y.group] ?? 3) || y.album.releaseDate.localeCompare(x.album.releaseDate));
  return [...own, ...appears];
}

/** Artists whose name contains every word of the query (Spotify ranks by popularity; here: exact names first). */
function searchArtists(world: SpotifyWorld, query: string): EmuArtistProfile[] {
  const words = query.replace(/artist:"([^"]*)"/gi, '$1').toLowerCase().split(/\s+/).filter(Boolean);
  const byId = new Map<string, EmuArtistProfile>();
  for (const a of world.artists.values()) byId.set(a.id, a);
  for (const t of world.tracks.values()) for (const a of t.artists) if (!byId.has(a.id)) byId.set(a.id, { id: a.id, name: a.name, genres: [] });
  const q = words.join(' ');
  return [...byId.values()]
    .filter((a) => words.length > 0 && words.every((w) => a.name.toLowerCase().includes(w)))
    .sort((x, y) => Number(y.name.toLowerCase() === q) - Number(x.name.toLowerCase() === q) || x.name.localeCompare(y.name));
}

/** `isrc:XXX`, `track:"…" artist:"…"` fields, or free words matched against title + artists. */
function search(world: SpotifyWorld, query: string) {
  const isrc = /isrc:(\S+)/i.exec(query)?.[1];
  const all = [...world.tracks.values()].filter((t) => !t.removed && !t.unavailable);
  if (isrc) return all.filter((t) => t.isrc?.toUpperCase() === isrc.toUpperCase());
  const fields = [...query.matchAll(/(track|artist|album):"([^"]*)"/gi)].map((f) => [f[1]!.toLowerCase(), f[2]!.toLowerCase()] as const);
  const free = query.replace(/(track|artist|album):"[^"]*"/gi, '').toLowerCase().split(/\s+/).filter(Boolean);
  return all.filter((t) => {
    for (const [k, v] of fields) {
      const hay = k === 'track' ? t.name : k === 'album' ? t.album.name : t.artists.map((a) => a.name).join(' ');
      if (!hay.toLowerCase().includes(v)) return false;
    }
    const text = `${t.name} ${t.artists.map((a) => a.name).join(' ')}`.toLowerCase();
    return free.every((w) => text.includes(w));
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: Buffer | undefined;
  if (Buffer.isBuffer(reply.body)) payload = reply.body;
  else if (typeof reply.body === 'string') {
    payload = Buffer.from(reply.body);
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else if (reply.body !== undefined) {
    payload = Buffer.from(JSON.stringify(reply.body));
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  if (payload) headers['content-length'] = String(payload.length);
  res.writeHead(reply.status, headers);
  res.end(payload);
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readText(req));
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export type { EmuPlaylist };
