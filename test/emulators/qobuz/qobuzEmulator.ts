// A faithful fake of Qobuz for tests and benchmarks: the web player (login page + bundle with app_id and
// encoded secrets), the private API under /api.json/0.2/ (X-App-Id, token auth, purchases paging, signed
// track/getFileUrl), OAuth sign-in, and a CDN serving real audio with Range (If-Range against an ETag and Last-Modified), expiring URLs and injectable faults.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileValidators, ifRangeAllows } from '../fileValidators';
import { AudioStore, type EmuAudioFormat } from './audioStore';
import { FaultBook, type QobuzFaultKind, type QobuzFaultSpec, type QobuzFaultTarget } from './faults';
import { standardQobuzLibrary, type EmuTrack, type QobuzLibrary } from './library';
import { bundleJs, loginPageHtml } from './webPlayer';
import {
  albumJson,
  purchasedAlbumJson,
  purchasedTrackJson,
  trackWithAlbumJson,
  userJson,
  type EmuUser,
} from './wire';

export interface QobuzEmulatorOptions {
  /** Defaults to standardQobuzLibrary(). */
  library?: QobuzLibrary;
  appId?: string;
  /** The live signing secret (32 hex). */
  secret?: string;
  privateKey?: string;
  bundleVersion?: string;
  /** Put the live secret in the first seed pair (the client must then try the second candidate). */
  liveSecretFirst?: boolean;
  /** The user auth token that works. */
  token?: string;
  user?: EmuUser;
  /** Lifetime of CDN URLs (default 60 s). */
  urlTtlMs?: number;
  /** Query parameter carrying the OAuth code on the redirect (default code_autorisation). */
  oauthCodeParam?: 'code_autorisation' | 'code';
  /** false: one audio file per (format, duration) instead of per track, for big benchmarks. */
  audioPerTrack?: boolean;
  bandwidth?: Bandwidth;
}

export interface Bandwidth {
  /** Per-connection throughput limit for CDN bodies. */
  bytesPerSec?: number;
  /** Added before every response. */
  latencyMs?: number;
}

export interface EmuRequest {
  target: QobuzFaultTarget | 'image';
  endpoint: string;
  method: string;
  trackId?: number;
  query: URLSearchParams;
  /** CDN only: the Range header sent. */
  range?: string;
  /** CDN only: the URL path+query, to tell fresh URLs from reused ones. */
  path: string;
}

export interface QobuzEmulator {
  /** Origin serving everything, e.g. http://127.0.0.1:PORT */
  url: string;
  /** Pass as the client's apiBase. */
  apiBase: string;
  /** Pass as the client's webBase (the web player). */
  webBase: string;
  readonly appId: string;
  readonly secret: string;
  readonly decoySecret: string;
  readonly privateKey: string;
  readonly token: string;
  readonly user: EmuUser;
  readonly library: QobuzLibrary;
  readonly bundleVersion: string;
  close(): Promise<void>;
  /** Publishes a new bundle version (same secrets unless rotateSecret is used). */
  setBundleVersion(version: string): void;
  /** Changes the live signing secret; old signatures fail from now on. Optionally a new bundle version. */
  rotateSecret(secret: string, version?: string): void;
  inject(fault: QobuzFaultSpec): void;
  clearFaults(): void;
  /** How often a fault kind has fired. */
  fired(kind: QobuzFaultKind): number;
  setBandwidth(b: Bandwidth): void;
  setUrlTtl(ms: number): void;
  /** Requests per endpoint ('user/get', 'track/getFileUrl', 'cdn/file', 'web/login', 'web/bundle', ...). */
  counts(): Record<string, number>;
  /** Requests to one endpoint, optionally about one track. */
  count(endpoint: string, trackId?: number): number;
  /** Every request seen, oldest first. */
  readonly log: EmuRequest[];
  /** Forgets the request log and the fired-fault counters. */
  resetCounts(): void;
  /** The user's token stops working (revoked, expired); a new one is minted for OAuth. */
  revokeToken(): void;
}

const API_PREFIX = '/api.json/0.2/';
const MAX_PURCHASE_PAGE = 500;
const MAX_ALBUM_TRACKS = 1200;
const SAMPLE_SECONDS = 30;

const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startQobuzEmulator(options: QobuzEmulatorOptions = {}): Promise<QobuzEmulator> {
  const lib = options.library ?? standardQobuzLibrary();
  const appId = options.appId ?? '123456789';
  let secret = options.secret ?? 'a3f1c9e27b4d8f60a1b2c3d4e5f60718';
  const otherSecret = '0f9e8d7c6b5a49382716a5b4c3d2e1f0';
  const decoySecret = 'deadbeefdeadbeefdeadbeefdeadbeef';
  const privateKey = options.privateKey ?? 'qbzPrivKey2026';
  let version = options.bundleVersion ?? '7.1.2-b011';
  let token = options.token ?? `emu-token-${randomHex(12)}`;
  const user: EmuUser = options.user ?? { id: 178_905, login: 'cassette-user', email: 'user@example.com' };
  let urlTtlMs = options.urlTtlMs ?? 60_000;
  let bandwidth: Bandwidth = { ...options.bandwidth };
  const cdnKey = randomBytes(16);
  const oauthCodes = new Map<string, string>();
  const faults = new FaultBook();
  const audio = new AudioStore(options.audioPerTrack ?? true);
  const log: EmuRequest[] = [];
  let base = '';

  const bundle = () => bundleJs({ appId, secret, otherSecret, decoySecret, privateKey, liveSecretFirst: options.liveSecretFirst });

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { status: 'error', code: 500, message: String(e) });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', base);
    const path = u.pathname;
    await drain(req);
    if (bandwidth.latencyMs) await sleep(bandwidth.latencyMs);

    if (path === '/login') return web(req, res, u, 'web/login', () => ({ status: 200, body: loginPageHtml(version), mime: 'text/html; charset=utf-8' }));
    const bundleMatch = /^\/resources\/([^/]+)\/bundle\.js$/.exec(path);
    if (bundleMatch) {
      return web(req, res, u, 'web/bundle', () =>
        bundleMatch[1] === version
          ? { status: 200, body: bundle(), mime: 'application/javascript' }
          : { status: 404, body: 'Not Found', mime: 'text/plain' },
      );
    }
    if (path === '/signin/oauth') {
      record({ target: 'web', endpoint: 'web/signin', method: req.method ?? 'GET', query: u.searchParams, path });
      return signin(res, u.searchParams);
    }
    if (path.startsWith(API_PREFIX)) return api(req, res, u, path.slice(API_PREFIX.length));
    if (path === '/cdn/file') return cdn(req, res, u);
    if (path.startsWith('/images/covers/')) {
      record({ target: 'image', endpoint: 'images', method: req.method ?? 'GET', query: u.searchParams, path: u.pathname });
      const f = await audio.cover();
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': f.size });
      createReadStream(f.path).pipe(res);
      return;
    }
    sendText(res, 404, 'Not Found', 'text/plain');
  }

  function record(r: EmuRequest): void {
    log.push(r);
  }

  async function web(
    req: IncomingMessage,
    res: ServerResponse,
    u: URL,
    endpoint: string,
    page: () => { status: number; body: string; mime: string },
  ): Promise<void> {
    record({ target: 'web', endpoint, method: req.method ?? 'GET', query: u.searchParams, path: u.pathname });
    const fault = faults.take({ target: 'web', endpoint, query: u.searchParams });
    const answer = page();
    const body = Buffer.from(answer.body);
    if (fault && (await answerFault(res, fault, body, answer.mime))) return;
    sendBody(res, answer.status, body, answer.mime);
  }

  function signin(res: ServerResponse, q: URLSearchParams): void {
    const redirect = q.get('redirect_url');
    if (q.get('ext_app_id') !== appId || !redirect) return sendText(res, 400, '<html><body>Invalid application</body></html>', 'text/html');
    const code = randomHex(16);
    oauthCodes.set(code, token);
    const target = new URL(redirect);
    target.searchParams.set(options.oauthCodeParam ?? 'code_autorisation', code);
    res.writeHead(302, { Location: target.toString() });
    res.end();
  }

  // ---------------------------------------------------------------- API
  async function api(req: IncomingMessage, res: ServerResponse, u: URL, endpoint: string): Promise<void> {
    const q = u.searchParams;
    const trackId = Number(q.get('track_id')) || undefined;
    record({ target: 'api', endpoint, method: req.method ?? 'GET', trackId, query: q, path: u.pathname });
    const fault = faults.take({ target: 'api', endpoint, trackId, query: q });
    const answer = apiAnswer(req, endpoint, q);
    const body = Buffer.from(JSON.stringify(answer.body));
    if (fault && (await answerFault(res, fault, body, 'application/json'))) return;
    sendBody(res, answer.status, body, 'application/json', answer.headers);
  }

  interface Answer {
    status: number;
    body: unknown;
    headers?: Record<string, string>;
  }
  const error = (status: number, message: string): Answer => ({ status, body: { status: 'error', code: status, message } });
  const AUTH_REQUIRED = (): Answer => error(401, 'User authentication is required.');

  function apiAnswer(req: IncomingMessage, endpoint: string, q: URLSearchParams): Answer {
    const sentAppId = header(req, 'x-app-id') ?? q.get('app_id');
    if (sentAppId !== appId) return error(400, 'Invalid or missing app_id parameter');
    const authed = header(req, 'x-user-auth-token') === token;

    switch (endpoint) {
      case 'user/login':
        // Since about April 2026 e-mail/password logins are refused; a token in the header still logs in.
        return authed ? { status: 200, body: { user: userJson(user), user_auth_token: token } } : AUTH_REQUIRED();
      case 'user/get':
        return authed ? { status: 200, body: userJson(user) } : AUTH_REQUIRED();
      case 'purchase/getUserPurchases':
      case 'purchase/getUserPurchasesIds':
        return authed ? purchases(q, endpoint.endsWith('Ids')) : AUTH_REQUIRED();
      case 'album/get': {
        if (!authed) return AUTH_REQUIRED();
        const album = lib.album(q.get('album_id') ?? '');
        if (!album) return error(404, 'No result matching given argument');
        const limit = clamp(Number(q.get('limit') ?? 1200), 1, MAX_ALBUM_TRACKS);
        return { status: 200, body: albumJson(album, lib, base, Math.max(0, Number(q.get('offset') ?? 0)), limit) };
      }
      case 'track/get': {
        const t = lib.track(Number(q.get('track_id')));
        return t ? { status: 200, body: trackWithAlbumJson(t, lib, base) } : error(404, 'No result matching given argument');
      }
      case 'track/getFileUrl':
        return fileUrl(q, authed);
      case 'oauth/callback': {
        const code = q.get('code') ?? '';
        const minted = oauthCodes.get(code);
        if (q.get('private_key') !== privateKey) return error(400, 'Invalid private_key parameter');
        if (!minted) return error(401, 'Invalid or expired code');
        oauthCodes.delete(code);
        return { status: 200, body: { token: minted, user_id: user.id } };
      }
      default:
        return error(404, `Method ${endpoint} not found`);
    }
  }

  function purchases(q: URLSearchParams, idsOnly: boolean): Answer {
    const type = q.get('type');
    if (type && type !== 'albums' && type !== 'tracks') return error(400, 'Invalid type parameter');
    const limit = clamp(Number(q.get('limit') ?? 50), 1, MAX_PURCHASE_PAGE);
    const offset = Math.max(0, Number(q.get('offset') ?? 0));
    const body: Record<string, unknown> = {};
    if (!type || type === 'albums') {
      const ids = lib.purchasedAlbumIds.slice(offset, offset + limit);
      const items = ids.map((id, i) => {
        const album = lib.album(id);
        if (!album) throw new Error(`library lost album ${id}`);
        return idsOnly ? { id } : purchasedAlbumJson(album, lib, base, offset + i);
      });
      body.albums = idsOnly ? { total: lib.purchasedAlbumIds.length, items } : { offset, limit, total: lib.purchasedAlbumIds.length, items };
    }
    if (!type || type === 'tracks') {
      const ids = lib.purchasedTrackIds.slice(offset, offset + limit);
      const items = ids.map((id, i) => {
        const t = lib.track(id);
        if (!t) throw new Error(`library lost track ${id}`);
        return idsOnly ? { id } : purchasedTrackJson(t, lib, base, offset + i);
      });
      body.tracks = idsOnly ? { total: lib.purchasedTrackIds.length, items } : { offset, limit, total: lib.purchasedTrackIds.length, items };
    }
    body.user = { id: user.id, login: user.login };
    return { status: 200, body };
  }

  function fileUrl(q: URLSearchParams, authed: boolean): Answer {
    const trackId = q.get('track_id') ?? '';
    const formatId = Number(q.get('format_id'));
    const intent = q.get('intent') ?? '';
    const ts = q.get('request_ts') ?? '';
    const expected = createHash('md5').update(`trackgetFileUrlformat_id${q.get('format_id') ?? ''}intent${intent}track_id${trackId}${ts}${secret}`).digest('hex');
    if (!ts || q.get('request_sig') !== expected) return error(400, 'Invalid Request Signature parameter (request_sig)');
    if (!authed) return AUTH_REQUIRED();
    if (![5, 6, 7, 27].includes(formatId)) return error(400, 'Invalid format_id parameter');
    if (intent !== 'stream' && intent !== 'download' && intent !== 'import') return error(400, 'Invalid intent parameter');
    const t = lib.track(Number(trackId));
    if (!t) return error(404, 'No result matching given argument');
    return { status: 200, body: fileUrlBody(t, formatId, intent) };
  }

  function fileUrlBody(t: EmuTrack, formatId: number, intent: string): Record<string, unknown> {
    const sample = (restriction: string) => ({
      track_id: t.id,
      duration: SAMPLE_SECONDS,
      url: cdnUrl(t.id, 5, true),
      format_id: 5,
      mime_type: 'audio/mpeg',
      sampling_rate: 44.1,
      sample: true,
      restrictions: [{ code: restriction }],
    });
    const full = (fmt: 5 | 6, restrictions: string[] = []) => ({
      track_id: t.id,
      duration: t.durationSec,
      url: cdnUrl(t.id, fmt, false),
      format_id: fmt,
      mime_type: fmt === 5 ? 'audio/mpeg' : 'audio/flac',
      sampling_rate: 44.1,
      ...(fmt === 6 ? { bit_depth: 16 } : {}),
      ...(restrictions.length ? { restrictions: restrictions.map((code) => ({ code })) } : {}),
    });
    const lossless = () => full(6, formatId === 6 ? [] : ['FormatRestrictedByFormatAvailability']);
    switch (t.availability) {
      case 'preview_only':
        return sample('TrackRestrictedByPurchaseCredentials');
      case 'preview_unflagged':
        return { track_id: t.id, duration: SAMPLE_SECONDS, url: cdnUrl(t.id, 5, true), format_id: 5, mime_type: 'audio/mpeg', sampling_rate: 44.1 };
      case 'stream_mp3_only':
        if (intent === 'download') return sample('TrackRestrictedByPurchaseCredentials');
        return formatId === 5 ? full(5) : lossless();
      case 'flac_only':
        if (formatId === 5) return { track_id: t.id, duration: t.durationSec, format_id: 5, restrictions: [{ code: 'FormatRestrictedByFormatAvailability' }] };
        return lossless();
      case 'mp3':
        return formatId === 5 ? full(5) : lossless();
      case 'mp3_sparse': {
        const { mime_type: _mime, sampling_rate: _rate, bit_depth: _depth, ...rest } = formatId === 5 ? full(5) : lossless();
        return formatId === 5
          ? { ...rest, bit_depth: null, sampling_rate: null, restrictions: [{ reason: 'no code' }] }
          : { ...rest, restrictions: null };
      }
      case 'rights_restricted':
        return { track_id: t.id, restrictions: [{ code: 'TrackRestrictedByRightHolders' }] };
      case 'restricted_other':
        return { track_id: t.id, duration: null, restrictions: [{ code: 'TrackRestrictedByGeography' }, { code: 'SomethingNew' }] };
    }
  }

  // ---------------------------------------------------------------- CDN
  function cdnSig(p: URLSearchParams): string {
    return createHmac('sha256', cdnKey).update(`${p.get('eid')}:${p.get('fmt')}:${p.get('smp')}:${p.get('etsp')}:${p.get('n')}`).digest('hex').slice(0, 27);
  }

  function cdnUrl(trackId: number, fmt: 5 | 6, sample: boolean): string {
    const p = new URLSearchParams({
      eid: String(trackId),
      fmt: String(fmt),
      smp: sample ? '1' : '0',
      etsp: String(Date.now() + urlTtlMs),
      n: randomHex(4),
    });
    p.set('hmac', cdnSig(p));
    return `${base}/cdn/file?${p.toString()}`;
  }

  async function cdn(req: IncomingMessage, res: ServerResponse, u: URL): Promise<void> {
    const q = u.searchParams;
    const trackId = Number(q.get('eid'));
    const range = header(req, 'range');
    record({ target: 'cdn', endpoint: 'cdn/file', method: req.method ?? 'GET', trackId, query: q, range, path: `${u.pathname}${u.search}` });
    if (q.get('hmac') !== cdnSig(q) || Number(q.get('etsp')) < Date.now()) return sendText(res, 403, 'Forbidden', 'text/plain');
    const t = lib.track(trackId);
    if (!t) return sendText(res, 404, 'Not Found', 'text/plain');
    const fault = faults.take({ target: 'cdn', endpoint: 'cdn/file', trackId, query: q });
    const sample = q.get('smp') === '1';
    const format: EmuAudioFormat = q.get('fmt') === '6' ? 'flac' : 'mp3';
    const file = await audio.file(t.id, format, sample ? SAMPLE_SECONDS : t.durationSec);
    const mime = format === 'flac' ? 'audio/flac' : 'audio/mpeg';
    if (fault && (await answerFault(res, fault, undefined, mime))) return;

    let start = 0;
    let end = file.size - 1;
    let status = 200;
    // Like the CDN edge in front of static files: the file's version (ETag, Last-Modified) is the same whichever
    // signed URL asked, and a Range is honoured only when an If-Range names that version.
    const version = await fileValidators(file.path);
    const headers: Record<string, string | number> = { 'Content-Type': mime, 'Accept-Ranges': 'bytes', ETag: version.etag, 'Last-Modified': version.lastModified };
    const m = range && ifRangeAllows(header(req, 'if-range'), version) ? /^bytes=(\d*)-(\d*)$/.exec(range) : null;
    if (m && (m[1] || m[2])) {
      if (m[1]) {
        start = Number(m[1]);
        if (m[2]) end = Math.min(end, Number(m[2]));
      } else {
        start = Math.max(0, file.size - Number(m[2]));
      }
      if (start >= file.size || start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${file.size}` });
        res.end();
        return;
      }
      status = 206;
      headers['Content-Range'] = `bytes ${start}-${end}/${file.size}`;
    }
    const length = end - start + 1;
    headers['Content-Length'] = length;
    res.writeHead(status, headers);
    await streamBody(res, createReadStream(file.path, { start, end, highWaterMark: chunkSize() }), length, fault);
  }

  function chunkSize(): number {
    return bandwidth.bytesPerSec ? Math.max(1024, Math.min(64 * 1024, Math.floor(bandwidth.bytesPerSec / 20))) : 64 * 1024;
  }

  /** Writes the body at the configured pace; body-phase faults cut it short. */
  async function streamBody(res: ServerResponse, source: AsyncIterable<Buffer> | Iterable<Buffer>, length: number, fault?: QobuzFaultSpec): Promise<void> {
    const cutAt =
      fault?.kind === 'one_byte_eof' ? 1 : fault?.kind === 'reset' || fault?.kind === 'truncate' ? (fault.afterBytes ?? Math.floor(length / 2)) : Infinity;
    let sent = 0;
    const started = Date.now();
    for await (const chunk of source) {
      if (res.destroyed) return;
      const part = sent + chunk.length > cutAt ? chunk.subarray(0, cutAt - sent) : chunk;
      if (part.length && !res.write(part)) await drained(res);
      sent += part.length;
      if (sent >= cutAt) break;
      if (bandwidth.bytesPerSec) {
        const due = started + (sent / bandwidth.bytesPerSec) * 1000;
        if (due > Date.now()) await sleep(due - Date.now());
      }
    }
    if (sent >= cutAt && fault) return cut(res, fault.kind);
    res.end();
  }

  /** Ends the connection mid-body: a reset for 'reset', an orderly close (premature EOF) otherwise. */
  function cut(res: ServerResponse, kind: QobuzFaultKind): void {
    const socket = res.socket;
    if (!socket) return;
    if (kind === 'reset') {
      // Let the bytes already written leave before the RST.
      setTimeout(() => socket.resetAndDestroy(), 20);
    } else {
      socket.end();
    }
  }

  /** Answers a fault that replaces the response; returns false when the normal answer should follow. */
  async function answerFault(res: ServerResponse, fault: QobuzFaultSpec, body: Buffer | undefined, mime: string): Promise<boolean> {
    switch (fault.kind) {
      case 'latency':
        await sleep(fault.latencyMs ?? 1000);
        return false;
      case 'rate_limit':
        sendJson(res, 429, { status: 'error', code: 429, message: 'Too Many Requests' }, { 'Retry-After': String(fault.retryAfterSec ?? 1) });
        return true;
      case 'server_error': {
        const status = fault.status ?? 500;
        sendJson(res, status, { status: 'error', code: status, message: 'Internal Server Error' });
        return true;
      }
      case 'forbidden':
        sendText(res, 403, 'Forbidden', 'text/plain');
        return true;
      case 'waf_html':
        sendText(
          res,
          200,
          '<!DOCTYPE html><html><head><title>Access Denied</title></head><body><h1>Access Denied</h1>' +
            "<p>You don't have permission to access this resource.</p><p>Reference #18.5f2e1502.1767000000.1a2b3c</p></body></html>",
          'text/html',
        );
        return true;
      case 'reset':
      case 'truncate':
      case 'one_byte_eof':
        if (!body) return false; // CDN: cut inside streamBody
        if (fault.kind === 'reset' && fault.afterBytes === undefined) {
          res.socket?.resetAndDestroy();
          return true;
        }
        res.writeHead(200, { 'Content-Type': mime, 'Content-Length': body.length });
        await streamBody(res, [body], body.length, fault);
        return true;
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    apiBase: `${base}${API_PREFIX}`,
    webBase: base,
    appId,
    get secret() {
      return secret;
    },
    decoySecret,
    privateKey,
    token,
    user,
    library: lib,
    get bundleVersion() {
      return version;
    },
    log,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await audio.close();
    },
    setBundleVersion(v) {
      version = v;
    },
    rotateSecret(s, v) {
      if (!/^[0-9a-f]{32}$/.test(s)) throw new Error('secret must be 32 lowercase hex characters');
      secret = s;
      if (v) version = v;
    },
    inject: (f) => faults.inject(f),
    clearFaults: () => faults.clear(),
    fired: (kind) => faults.fired.get(kind) ?? 0,
    setBandwidth(b) {
      bandwidth = { ...b };
    },
    setUrlTtl(ms) {
      urlTtlMs = ms;
    },
    counts() {
      const out: Record<string, number> = {};
      for (const r of log) out[r.endpoint] = (out[r.endpoint] ?? 0) + 1;
      return out;
    },
    count(endpoint, trackId) {
      return log.filter((r) => r.endpoint === endpoint && (trackId === undefined || r.trackId === trackId)).length;
    },
    revokeToken() {
      token = `emu-token-${randomHex(12)}`;
    },
    resetCounts() {
      log.length = 0;
      faults.fired.clear();
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Waits for room in the socket buffer (or for the client to go away). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.floor(n))) : lo;
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const _ of req) {
    /* request bodies (user/login's extra=partner) carry nothing the emulator needs */
  }
}

function sendBody(res: ServerResponse, status: number, body: Buffer, mime: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': mime, 'Content-Length': body.length, ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendBody(res, status, Buffer.from(JSON.stringify(body)), 'application/json', headers);
}

function sendText(res: ServerResponse, status: number, text: string, mime: string): void {
  sendBody(res, status, Buffer.from(text), mime);
}
