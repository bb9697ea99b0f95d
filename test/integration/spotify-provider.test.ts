// The Spotify provider against the emulator: sign-in, tokens, the account queue, typed errors, the cache.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SpotifyError, SpotifyProvider } from '../../src/main/providers';
import { SpotifyWorld, startSpotifyEmulator, type SpotifyEmulator, type SpotifyEmulatorOptions } from '../emulators/spotify';
import { providerFor, signIn, spotifySettings, visit, type ProviderFixture } from '../support/spotify';

let emu: SpotifyEmulator | undefined;
let fx: ProviderFixture[] = [];
afterEach(async () => {
  for (const f of fx) f.close();
  fx = [];
  await emu?.close();
  emu = undefined;
});

function world() {
  const w = new SpotifyWorld();
  w.addUser({ id: 'alice', displayName: 'Alice' });
  w.addUser({ id: 'bob', displayName: 'Bob' });
  const t = w.addTrack({ name: 'One', isrc: 'NLAAA0000001' });
  w.like('alice', [t.id]);
  const p = w.addPlaylist({ ownerId: 'alice', name: 'Mine' });
  w.append(p.id, [{ kind: 'track', id: t.id }]);
  return { w, t, p };
}

async function setup(opts: SpotifyEmulatorOptions = {}, user = 'alice') {
  const { w, t, p } = world();
  emu = await startSpotifyEmulator({ world: w, ...opts });
  const f = providerFor(emu);
  fx.push(f);
  await signIn(f.provider, emu, 'main', user);
  return { f, api: await f.provider.api('main'), w, t, p };
}

async function expectCode(p: Promise<unknown>, code: string): Promise<SpotifyError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(SpotifyError);
  expect((e as SpotifyError).spotifyCode).toBe(code);
  return e as SpotifyError;
}

describe('Spotify sign-in', () => {
  it('signs in with PKCE, stores the tokens in the secret store only, and knows who signed in', async () => {
    const { f } = await setup();
    expect(await f.provider.list()).toMatchObject([{ account: 'main', userId: 'alice', displayName: 'Alice' }]);
    const stored = f.secrets.values.get('spotify.account.main') ?? '';
    expect(stored).toMatch(/refresh-/);
    expect(emu!.auth.counters.codeExchanges).toBe(1);
  });

  it('refuses a callback with the wrong state and keeps waiting for the right one', async () => {
    const { w } = world();
    emu = await startSpotifyEmulator({ world: w });
    const f = providerFor(emu);
    fx.push(f);
    const signedIn = f.provider.signIn('main', {
      onAuthorizeUrl: (url) => {
        void (async () => {
          const redirect = new URL(url).searchParams.get('redirect_uri') ?? '';
          const forged = await fetch(`${redirect}?code=forged&state=not-the-one`);
          expect(forged.status).toBe(400);
          await visit(url);
        })();
      },
    });
    await expect(signedIn).resolves.toMatchObject({ userId: 'alice' });
    expect(emu.auth.counters.codeExchanges).toBe(1);
  });

  it('gives up after the timeout with a message that says to start again', async () => {
    emu = await startSpotifyEmulator({ world: world().w });
    const f = providerFor(emu);
    fx.push(f);
    const e = await expectCode(f.provider.signIn('main', { timeoutMs: 100 }), 'auth_expired');
    expect(e.message).toMatch(/did not finish.*start it again/);
  });

  it('a user not on the allow-list cannot sign in: not_allowlisted, nothing stored', async () => {
    const { w } = world();
    w.user('bob').registered = false;
    emu = await startSpotifyEmulator({ world: w });
    const f = providerFor(emu);
    fx.push(f);
    const e = await expectCode(signIn(f.provider, emu, 'new', 'bob'), 'not_allowlisted');
    expect(e.message).toMatch(/User Management/);
    expect(await f.provider.list()).toEqual([]);
  });

  it('keeps several named accounts; a command for an unknown one is auth_expired', async () => {
    const { f } = await setup();
    await signIn(f.provider, emu!, 'new', 'bob');
    expect((await f.provider.list()).map((a) => [a.account, a.userId])).toEqual([['main', 'alice'], ['new', 'bob']]);
    expect((await (await f.provider.api('new')).me()).id).toBe('bob');
    await f.provider.signOut('new');
    await expectCode(f.provider.api('new'), 'auth_expired');
  });
});

describe('Spotify tokens', () => {
  it('refreshes once for many requests that find the token expired (single-flight)', async () => {
    const { api, p } = await setup();
    emu!.auth.expireAccessTokens();
    await Promise.all([api.me(), api.playlist(p.id), api.savedTracks(0), api.myPlaylists(0), api.playlistItems(p.id, 0)]);
    expect(emu!.auth.counters.refreshes).toBe(1);
  });

  it('stores a rotated refresh token at once and keeps working after the old one died', async () => {
    const { f, api } = await setup({ rotateRefreshTokens: true });
    const before = f.secrets.values.get('spotify.account.main');
    emu!.auth.expireAccessTokens();
    await api.me();
    const after = f.secrets.values.get('spotify.account.main');
    expect(JSON.parse(after ?? '{}').refreshToken).not.toBe(JSON.parse(before ?? '{}').refreshToken);
    // A fresh process (new provider on the same secrets) uses the stored, rotated token.
    emu!.auth.expireAccessTokens();
    const fresh = new SpotifyProvider({ settings: spotifySettings(emu!), secrets: f.secrets });
    const again = await (await fresh.api('main')).me();
    expect(again.id).toBe('alice');
  });

  it('keeps the old refresh token when a refresh returns none', async () => {
    const { f, api } = await setup({ rotateRefreshTokens: false });
    const before = JSON.parse(f.secrets.values.get('spotify.account.main') ?? '{}').refreshToken;
    emu!.auth.expireAccessTokens();
    await api.me();
    expect(JSON.parse(f.secrets.values.get('spotify.account.main') ?? '{}').refreshToken).toBe(before);
    emu!.auth.expireAccessTokens();
    await api.me();
    expect(emu!.auth.counters.refreshes).toBe(2);
  });

  it('turns invalid_grant into "sign in again"', async () => {
    const { api } = await setup();
    emu!.auth.revokeRefreshTokens();
    emu!.auth.expireAccessTokens();
    const e = await expectCode(api.me(), 'auth_expired');
    expect(e.message).toMatch(/cassette spotify login --account main/);
  });

  it('a token refused again right after a refresh is "sign in again", not a loop', async () => {
    const { api } = await setup();
    emu!.faults.inject({ kind: 'token_expired', path: '/v1/me', times: 5 });
    await expectCode(api.me(), 'auth_expired');
    expect(emu!.auth.counters.refreshes).toBe(1);
  });
});

describe('Spotify request queue and errors', () => {
  it('waits out a short 429 by pausing the account queue, then succeeds', async () => {
    const { api } = await setup();
    const n = emu!.requests.length;
    emu!.faults.inject({ kind: 'rate_limit', path: '/v1/me', retryAfterSec: 1 });
    expect((await api.me()).id).toBe('alice');
    expect(emu!.requests.slice(n)).toEqual(['GET /v1/me', 'GET /v1/me']);
    expect((api as unknown as { o: { queue: { pauses: number[] } } }).o.queue.pauses).toEqual([1000]);
  });

  it('a Retry-After longer than the wait limit surfaces as rate_limited with the wait', async () => {
    const { api } = await setup();
    emu!.faults.inject({ kind: 'rate_limit', path: '/v1/me', retryAfterSec: 3600 });
    const e = await expectCode(api.me(), 'rate_limited');
    expect(e.retryAfterMs).toBe(3_600_000);
  });

  it('reads QUOTA_EXCEEDED from error.reason', async () => {
    const { api } = await setup();
    emu!.faults.inject({ kind: 'quota_exceeded', path: '/v1/me/tracks' });
    await expectCode(api.savedTracks(0), 'quota_exceeded');
  });

  it('says which 403: owner lost Premium, or a followed playlist read', async () => {
    const { api, w } = await setup();
    emu!.faults.inject({ kind: 'premium_required', path: '/v1/me' });
    await expectCode(api.me(), 'premium_required');
    const theirs = w.addPlaylist({ ownerId: 'bob', name: 'Theirs' });
    await expectCode(api.playlistItems(theirs.id, 0), 'forbidden');
    await expectCode(api.playlist('0000000000000000000000'), 'not_found');
  });

  it('runs identical GETs in flight once', async () => {
    const { api, p } = await setup();
    const n = emu!.requests.length;
    await Promise.all([api.playlist(p.id), api.playlist(p.id), api.playlist(p.id)]);
    expect(emu!.requests.length - n).toBe(1);
  });

  it('caches lookups in SQLite for every later user of the database', async () => {
    const { f, api, t } = await setup();
    await api.track(t.id);
    await api.track(t.id);
    await api.searchTracks(`isrc:${t.isrc}`);
    await api.searchTracks(`isrc:${t.isrc}`);
    expect(emu!.requests.filter((r) => r.startsWith('GET /v1/tracks/') || r.startsWith('GET /v1/search'))).toHaveLength(2);
    const rows = f.db.prepare('SELECT kind, count(*) AS n FROM spotify_lookup_cache GROUP BY kind ORDER BY kind').all();
    expect(rows).toEqual([{ kind: 'search', n: 1 }, { kind: 'track', n: 1 }]);
    await expectCode(api.searchTracks('x', 11), 'invalid_input');
  });

  it('parses the pre-2026 `track` key and the 2026 `item` key alike', async () => {
    const legacy = await setup({ legacyTrackKey: true });
    const page = await legacy.api.playlistItems(legacy.p.id, 0);
    expect(page.items[0]?.item?.name).toBe('One');
  });
});

describe('Spotify schemas against real captured responses', () => {
  it('parse /me/tracks, /me/playlists, /playlists/{id}, its items (with local files) and search', async () => {
    const s = await import('../../src/main/providers/spotify/schemas');
    const load = (f: string) => JSON.parse(readFileSync(new URL(`../fixtures/real/spotify/${f}`, import.meta.url), 'utf8'));
    expect(s.savedTracksPageSchema.parse(load('saved_tracks.json')).items[0]?.track?.external_ids?.isrc).toBe('USYFZ2565101');
    expect(s.playlistsPageSchema.parse(load('current_user_playlist_1.json')).total).toBe(94);
    const items = s.playlistItemsPageSchema.parse(load('playlist_items.json'));
    expect(items.items[0]?.item?.type).toBe('track');
    const followed = load('playlist_2.json');
    expect(s.playlistSchema.parse(followed).owner.id).toBe('chadandcaren');
    const entries = s.playlistItemsPageSchema.parse(followed.tracks).items;
    expect(entries.some((e) => e.is_local && e.item?.type === 'track' && e.item.id === null)).toBe(true);
    expect(s.searchTracksSchema.parse(load('search.json')).tracks.items.length).toBeGreaterThan(0);
    expect(s.playlistSchema.parse(load('new_playlist.json')).snapshot_id).toBeTruthy();
    expect(s.snapshotSchema.parse(load('playlist_update_items.json')).snapshot_id).toBeTruthy();
    expect(s.containsSchema.parse(load('library_contains.json'))).toEqual([false, false]);
    expect(s.apiErrorSchema.parse(load('rate_limit.json')).error.status).toBe(429);
  });
});

