// QobuzClient against the emulator: discovery and its cache, login, purchases paging, metadata, signing, OAuth.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  QOBUZ_APP_CACHE_FILE,
  QobuzClient,
  QobuzError,
  qobuzOAuthLogin,
  qobuzSignature,
  type QobuzClientOptions,
} from '../../src/main/sources';
import { qobuzLibrary, startQobuzEmulator, type QobuzEmulator } from '../emulators/qobuz';

let dir: string;
const started: QobuzEmulator[] = [];

async function emulator(...args: Parameters<typeof startQobuzEmulator>): Promise<QobuzEmulator> {
  const emu = await startQobuzEmulator(...args);
  started.push(emu);
  return emu;
}

function clientFor(emu: QobuzEmulator, extra: Partial<QobuzClientOptions> = {}): QobuzClient {
  return new QobuzClient({
    apiBase: emu.apiBase,
    webBase: emu.webBase,
    cacheDir: join(dir, 'cache'),
    requestsPerSecond: 200,
    backoffLimitMs: 20,
    ...extra,
  });
}

async function readCache(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(dir, 'cache', QOBUZ_APP_CACHE_FILE), 'utf8')) as Record<string, unknown>;
}

const rejection = async (p: Promise<unknown>): Promise<QobuzError> => {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof QobuzError)) throw new Error(`expected a QobuzError, got ${String(e)}`);
  return e;
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qobuz-client-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterAll(async () => {
  await Promise.all(started.map((e) => e.close()));
});

describe('app discovery', () => {
  let emu: QobuzEmulator;
  beforeAll(async () => {
    emu = await emulator();
  });

  it('scrapes the app_id and the live secret from the web player, never the decoy appSecret', async () => {
    const client = clientFor(emu);
    await client.loginWithToken(emu.token);
    const hells = emu.library.trackByTitle('Hells Bells');
    const f = await client.getFileUrl(hells.id, 5, 'download');
    expect(f.url).toContain('/cdn/file');

    const cache = await readCache();
    expect(cache).toMatchObject({ appId: emu.appId, version: emu.bundleVersion, verifiedSecret: emu.secret, privateKey: emu.privateKey });
    expect(cache.secrets).not.toContain(emu.decoySecret);
    // One probe (the live secret is tried first) and the real call; none signed with the decoy.
    const signed = emu.log.filter((r) => r.endpoint === 'track/getFileUrl');
    expect(signed).toHaveLength(2);
    for (const r of signed) {
      const q = r.query;
      const withDecoy = qobuzSignature({
        trackId: q.get('track_id') ?? '',
        formatId: Number(q.get('format_id')),
        intent: q.get('intent') === 'download' ? 'download' : 'stream',
        ts: q.get('request_ts') ?? '',
        secret: emu.decoySecret,
      });
      expect(q.get('request_sig')).not.toBe(withDecoy);
    }
  });

  it('reuses the cache: a second client makes no bundle fetch and no secret probe', async () => {
    const warm = clientFor(emu);
    await warm.loginWithToken(emu.token);
    await warm.getFileUrl(emu.library.trackByTitle('Ebb').id, 5, 'download');
    emu.resetCounts();
    const cold = clientFor(emu);
    await cold.loginWithToken(emu.token);
    await cold.getFileUrl(emu.library.trackByTitle('Ebb').id, 5, 'download');
    expect(emu.count('web/bundle')).toBe(0);
    expect(emu.count('web/login')).toBe(1);
    expect(emu.count('track/getFileUrl')).toBe(1);
  });

  it('re-scrapes when the bundle version changes', async () => {
    await clientFor(emu).appId();
    emu.resetCounts();
    emu.setBundleVersion('7.2.0-b001');
    const appId = await clientFor(emu).appId();
    expect(appId).toBe(emu.appId);
    expect(emu.count('web/bundle')).toBe(1);
    expect((await readCache()).version).toBe('7.2.0-b001');
  });

  it('tries the next candidate when the live-looking one does not sign', async () => {
    const other = await emulator({ liveSecretFirst: true });
    const client = clientFor(other);
    await client.loginWithToken(other.token);
    await client.getFileUrl(other.library.trackByTitle('Ebb').id, 5, 'download');
    expect((await readCache()).verifiedSecret).toBe(other.secret);
  });

  it('re-scrapes and retries when signatures start failing (secret rotated, same version)', async () => {
    const rotating = await emulator();
    const client = clientFor(rotating);
    await client.loginWithToken(rotating.token);
    const id = rotating.library.trackByTitle('Ebb').id;
    await client.getFileUrl(id, 5, 'download');
    rotating.rotateSecret('11112222333344445555666677778888');
    rotating.resetCounts();
    const f = await client.getFileUrl(id, 5, 'download');
    expect(f.url).toBeDefined();
    expect(rotating.count('web/bundle')).toBe(1);
    expect((await readCache()).verifiedSecret).toBe('11112222333344445555666677778888');
  });

  it('explicit app_id and secret win: the web player is never fetched', async () => {
    const client = clientFor(emu, { appId: emu.appId, appSecret: emu.secret });
    emu.resetCounts();
    await client.loginWithToken(emu.token);
    await client.getFileUrl(emu.library.trackByTitle('Ebb').id, 5, 'download');
    expect(emu.count('web/login') + emu.count('web/bundle')).toBe(0);
  });

  it('a wrong explicit secret is reported as such', async () => {
    const client = clientFor(emu, { appId: emu.appId, appSecret: '00000000000000000000000000000000' });
    await client.loginWithToken(emu.token);
    const e = await rejection(client.getFileUrl(emu.library.trackByTitle('Ebb').id, 5, 'download'));
    expect(e.code).toBe('bad_signature');
    expect(e.message).toMatch(/QOBUZ_APP_SECRET/);
  });

  it('the emulator really verifies signatures', async () => {
    const q = new URLSearchParams({ track_id: '1', format_id: '5', intent: 'stream', request_ts: '1700000000', request_sig: 'f'.repeat(32) });
    const res = await fetch(`${emu.apiBase}track/getFileUrl?${q}`, { headers: { 'X-App-Id': emu.appId, 'X-User-Auth-Token': emu.token } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: 'Invalid Request Signature parameter (request_sig)' });
  });
});

describe('login', () => {
  let emu: QobuzEmulator;
  beforeAll(async () => {
    emu = await emulator();
  });

  it('password login gets the clear "Qobuz stopped accepting passwords" message, without the password in it', async () => {
    const e = await rejection(clientFor(emu).loginWithPassword('user@example.com', 'hunter2-secret'));
    expect(e.code).toBe('auth_password_rejected');
    expect(e.message).toMatch(/no longer accepts e-mail\/password login/);
    expect(e.message).toMatch(/QOBUZ_TOKEN/);
    expect(e.message).toMatch(/qoget login/);
    expect(e.message).not.toContain('hunter2');
  });

  it('a bad token is an auth error', async () => {
    const e = await rejection(clientFor(emu).loginWithToken('not-a-token'));
    expect(e.code).toBe('auth_invalid_token');
    expect(e.appCode).toBe('auth_expired');
    expect(e.message).not.toContain('not-a-token');
  });

  it('a purchase-only account (credential.parameters null) is accepted', async () => {
    const user = await clientFor(emu).loginWithToken(emu.token);
    expect(user.id).toBe(emu.user.id);
    expect(user.credential?.parameters).toBeNull();
  });

  it('OAuth: the loopback server takes code_autorisation and exchanges it for the token', async () => {
    const client = clientFor(emu);
    const { token } = await qobuzOAuthLogin({ client, openBrowser: followRedirect, timeoutMs: 10_000 });
    expect(token).toBe(emu.token);
    await expect(client.loginWithToken(token)).resolves.toMatchObject({ id: emu.user.id });
  });

  it('OAuth: a redirect carrying `code` works too', async () => {
    const other = await emulator({ oauthCodeParam: 'code' });
    const { token } = await qobuzOAuthLogin({ client: clientFor(other), openBrowser: followRedirect, timeoutMs: 10_000 });
    expect(token).toBe(other.token);
  });
});

/** Plays the browser: opens the sign-in URL and follows the redirect to the loopback server. */
async function followRedirect(url: string): Promise<void> {
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`sign-in did not redirect (${res.status})`);
  const back = await fetch(location);
  await back.text();
}

describe('purchases', () => {
  let emu: QobuzEmulator;
  let client: QobuzClient;
  beforeAll(async () => {
    // More than 500 of each, with different totals, so each type pages on its own.
    const lib = qobuzLibrary().synthetic({ albums: 1_203, tracksPerAlbum: 2, standaloneTracks: 620, multiDiscEvery: 7 }).build();
    emu = await emulator({ library: lib });
  });
  beforeEach(async () => {
    client = clientFor(emu, { retries: 2 });
    await client.loginWithToken(emu.token);
    emu.resetCounts();
    emu.clearFaults();
  });

  it('pages albums and tracks separately, each to its own total', async () => {
    const albums = await client.listPurchasedAlbums();
    const tracks = await client.listPurchasedTracks();
    expect(albums).toHaveLength(1_203);
    expect(tracks).toHaveLength(620);
    expect(new Set(albums.map((a) => a.id)).size).toBe(1_203);
    const calls = emu.log.filter((r) => r.endpoint === 'purchase/getUserPurchases');
    expect(calls.map((c) => `${c.query.get('type')}@${c.query.get('offset')}/${c.query.get('limit')}`)).toEqual([
      'albums@0/500',
      'albums@500/500',
      'albums@1000/500',
      'tracks@0/500',
      'tracks@500/500',
    ]);
    expect(tracks[0]?.album.title).toMatch(/Singles Collection/);
  });

  it('purchase ids are cheap and complete', async () => {
    const ids = await client.purchaseIds();
    expect(ids.albumIds).toHaveLength(1_203);
    expect(ids.trackIds).toHaveLength(620);
    expect(emu.count('purchase/getUserPurchases')).toBe(0);
  });

  it('an error on any page aborts the listing instead of returning part of it', async () => {
    emu.inject({ kind: 'server_error', target: 'api', endpoint: 'purchase/getUserPurchases', when: (q) => q.get('offset') === '500', times: Infinity });
    const e = await rejection(client.listPurchasedAlbums());
    expect(e.code).toBe('unavailable');
    expect(e.message).toMatch(/server error/);
  });

  it('a transient 429 or 500 on a page is retried', async () => {
    emu.inject({ kind: 'rate_limit', target: 'api', endpoint: 'purchase/getUserPurchases', retryAfterSec: 0 });
    emu.inject({ kind: 'server_error', target: 'api', endpoint: 'purchase/getUserPurchases', status: 502 });
    await expect(client.listPurchasedTracks()).resolves.toHaveLength(620);
    expect(emu.fired('rate_limit')).toBe(1);
    expect(emu.fired('server_error')).toBe(1);
  });

  it('a body cut mid-JSON or a reset before the answer is retried', async () => {
    emu.inject({ kind: 'truncate', target: 'api', endpoint: 'purchase/getUserPurchasesIds' });
    emu.inject({ kind: 'reset', target: 'api', endpoint: 'purchase/getUserPurchasesIds' });
    const ids = await client.purchaseIds();
    expect(ids.albumIds).toHaveLength(1_203);
  });

  it('a WAF page on the API is reported as a block, not as "no purchases"', async () => {
    emu.inject({ kind: 'waf_html', target: 'api', endpoint: 'purchase/getUserPurchases' });
    const e = await rejection(client.listPurchasedAlbums());
    expect(e.code).toBe('waf_blocked');
    expect(e.message).toMatch(/web page instead of data/);
  });
});

describe('metadata', () => {
  let emu: QobuzEmulator;
  let client: QobuzClient;
  beforeAll(async () => {
    emu = await emulator();
    // Shared by the block's tests, so it must not write into one test's temp dir.
    client = clientFor(emu, { cacheDir: undefined });
    await client.loginWithToken(emu.token);
  });

  it('album/get returns every track with its disc number', async () => {
    const tides = emu.library.albumByTitle('Tides');
    const album = await client.getAlbum(tides.id);
    expect(album.media_count).toBe(2);
    expect(album.tracks.items.map((t) => `${t.media_number}-${t.track_number} ${t.title}`)).toEqual([
      '1-1 Ebb',
      '1-2 Flow',
      '2-1 Undertow',
      '2-2 Slack Water',
    ]);
    expect(emu.log.find((r) => r.endpoint === 'album/get')?.query.get('limit')).toBe('1200');
  });

  it('track/get nests the album of a standalone purchase', async () => {
    const single = emu.library.trackByTitle('Lone Single');
    const t = await client.getTrack(single.id);
    expect(t.album.title).toBe('Singles Vol. 1');
    expect(t.duration).toBe(33);
  });

  it('an unknown album is not_found', async () => {
    const e = await rejection(client.getAlbum('0000000000000'));
    expect(e.code).toBe('not_found');
  });

  it('the standard library lists the awkward names and the album-and-alone purchase', async () => {
    const albums = await client.listPurchasedAlbums();
    const tracks = await client.listPurchasedTracks();
    expect(albums.map((a) => `${a.artist.name} — ${a.title}${a.version ? ` (${a.version})` : ''}`)).toEqual([
      'AC/DC — Back in Black',
      'Kestrel Moon — Tides',
      'Various Artists — Summer Hits 2024',
      'Kestrel Moon — Hometown (Live)',
      'Question <Mark> — Con: "Test?"',
      'Dots. — Etc...',
    ]);
    const hells = tracks.find((t) => t.title === 'Hells Bells');
    expect(hells?.album.title).toBe('Back in Black');
  });
});
