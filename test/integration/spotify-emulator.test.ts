// The Spotify emulator itself: what the provider's tests rely on it to do like the real service.
import { afterEach, describe, expect, it } from 'vitest';
import { pkceChallenge, SpotifyWorld, startSpotifyEmulator, type SpotifyEmulator } from '../emulators/spotify';

let emu: SpotifyEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function signIn(e: SpotifyEmulator, verifier = 'v'.repeat(64)) {
  const redirect = 'http://127.0.0.1:5555/callback';
  const authorize = new URL(`${e.accountsBase}/authorize`);
  for (const [k, v] of Object.entries({ client_id: e.clientId, response_type: 'code', redirect_uri: redirect, code_challenge_method: 'S256', code_challenge: pkceChallenge(verifier), state: 'st' })) authorize.searchParams.set(k, v);
  const res = await fetch(authorize, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const loc = new URL(res.headers.get('location') ?? '');
  expect(loc.searchParams.get('state')).toBe('st');
  const code = loc.searchParams.get('code') ?? '';
  const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: e.clientId, code_verifier: verifier });
  return fetch(`${e.accountsBase}/api/token`, { method: 'POST', body });
}

function world() {
  const w = new SpotifyWorld();
  w.addUser({ id: 'alice', displayName: 'Alice' });
  w.addUser({ id: 'bob', displayName: 'Bob' });
  const tracks = Array.from({ length: 120 }, (_, i) => w.addTrack({ name: `Song ${i}`, isrc: `NL000000${String(i).padStart(4, '0')}` }));
  w.like('alice', tracks.map((t) => t.id));
  const mine = w.addPlaylist({ ownerId: 'alice', name: 'Mine' });
  w.append(mine.id, [{ kind: 'track', id: tracks[0]!.id }, { kind: 'null' }, { kind: 'local', file: { name: 'L', artist: 'A', album: 'B', durationMs: 1000 } }]);
  const theirs = w.addPlaylist({ ownerId: 'bob', name: 'Theirs' });
  w.follow('alice', theirs.id);
  return { w, tracks, mine, theirs };
}

describe('Spotify emulator', () => {
  it('verifies the PKCE verifier, refreshes, and answers invalid_grant for a dead refresh token', async () => {
    emu = await startSpotifyEmulator({ world: world().w, rotateRefreshTokens: true });
    const good = await signIn(emu, 'x'.repeat(64));
    expect(good.status).toBe(200);
    const bad = await (async () => {
      const redirect = 'http://127.0.0.1:5555/callback';
      const u = new URL(`${emu!.accountsBase}/authorize`);
      for (const [k, v] of Object.entries({ client_id: emu!.clientId, response_type: 'code', redirect_uri: redirect, code_challenge_method: 'S256', code_challenge: pkceChallenge('a'.repeat(50)), state: 's' })) u.searchParams.set(k, v);
      const code = new URL((await fetch(u, { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get('code') ?? '';
      return fetch(`${emu!.accountsBase}/api/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: emu!.clientId, code_verifier: 'b'.repeat(50) }) });
    })();
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_grant' });

    const tok = (await good.json()) as { access_token: string; refresh_token: string };
    const refreshed = await fetch(`${emu.accountsBase}/api/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tok.refresh_token, client_id: emu.clientId }) });
    const r = (await refreshed.json()) as { refresh_token?: string };
    expect(r.refresh_token).toBeDefined();
    const again = await fetch(`${emu.accountsBase}/api/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tok.refresh_token, client_id: emu.clientId }) });
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a localhost redirect URI', async () => {
    emu = await startSpotifyEmulator({ world: world().w });
    const u = new URL(`${emu.accountsBase}/authorize`);
    for (const [k, v] of Object.entries({ client_id: emu.clientId, response_type: 'code', redirect_uri: 'http://localhost:5555/callback', code_challenge_method: 'S256', code_challenge: 'c' })) u.searchParams.set(k, v);
    expect((await fetch(u, { redirect: 'manual' })).status).toBe(400);
  });

  it('pages likes, gives followed playlists as metadata only, enforces limits, and writes for real', async () => {
    const { w, mine, theirs, tracks } = world();
    emu = await startSpotifyEmulator({ world: w });
    const tok = (await (await signIn(emu)).json()) as { access_token: string };
    const get = (p: string) => fetch(`${emu!.apiBase}${p}`, { headers: { authorization: `Bearer ${tok.access_token}` } });
    const likes = (await (await get('/me/tracks?limit=50&offset=100')).json()) as { total: number; items: unknown[]; next: string | null };
    expect(likes).toMatchObject({ total: 120, next: null });
    expect(likes.items).toHaveLength(20);
    expect((await get('/me/tracks?limit=51')).status).toBe(400);
    expect((await get('/search?q=isrc:NL0000000001&type=track&limit=11')).status).toBe(400);
    const items = (await (await get(`/playlists/${mine.id}/items?limit=50&additional_types=track,episode`)).json()) as { items: Record<string, unknown>[] };
    expect(items.items.map((i) => 'item' in i)).toEqual([true, true, true]);
    expect(items.items[1]!.item).toBeNull();
    expect(items.items[2]!.is_local).toBe(true);
    expect((await get(`/playlists/${theirs.id}/items`)).status).toBe(403);
    expect((await get(`/playlists/${theirs.id}`)).status).toBe(200);
    const uris = tracks.slice(0, 41).map((t) => `spotify:track:${t.id}`).join(',');
    expect((await get(`/me/library/contains?uris=${uris}`)).status).toBe(400);

    const created = await fetch(`${emu.apiBase}/me/playlists`, { method: 'POST', headers: { authorization: `Bearer ${tok.access_token}` }, body: JSON.stringify({ name: 'New', public: false, collaborative: false }) });
    const pl = (await created.json()) as { id: string };
    await fetch(`${emu.apiBase}/playlists/${pl.id}/items`, { method: 'POST', headers: { authorization: `Bearer ${tok.access_token}` }, body: JSON.stringify({ uris: [`spotify:track:${tracks[3]!.id}`, `spotify:track:${tracks[3]!.id}`] }) });
    expect(w.uris(pl.id)).toEqual([`spotify:track:${tracks[3]!.id}`, `spotify:track:${tracks[3]!.id}`]);
  });

  it('answers 403 for a user who is not on the allow-list, and injects 429 / QUOTA_EXCEEDED', async () => {
    const { w } = world();
    w.user('alice').registered = false;
    emu = await startSpotifyEmulator({ world: w });
    const tok = (await (await signIn(emu)).json()) as { access_token: string };
    const res = await fetch(`${emu.apiBase}/me`, { headers: { authorization: `Bearer ${tok.access_token}` } });
    expect(res.status).toBe(403);
    expect(JSON.stringify(await res.json())).toMatch(/not be registered/);
    w.user('alice').registered = true;
    emu.faults.inject({ kind: 'rate_limit', path: '/v1/me', retryAfterSec: 3 });
    emu.faults.inject({ kind: 'quota_exceeded', path: '/v1/me' });
    const limited = await fetch(`${emu.apiBase}/me`, { headers: { authorization: `Bearer ${tok.access_token}` } });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
    const quota = await fetch(`${emu.apiBase}/me`, { headers: { authorization: `Bearer ${tok.access_token}` } });
    expect(await quota.json()).toMatchObject({ error: { reason: 'QUOTA_EXCEEDED' } });
  });
});
