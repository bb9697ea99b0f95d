// The catalogue reads the matched download needs (artist search, artist, an artist's albums, an album with all
// its tracks) against the emulator and against real captured responses: limits, paging, album kinds, the lookup
// cache and single-flight, and 429s waited out.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SpotifyError } from '../../src/main/providers';
import { EMU_JPEGS, SpotifyWorld, startSpotifyEmulator, type SpotifyEmulator } from '../emulators/spotify';
import { providerFor, signIn, type ProviderFixture } from '../support/spotify';

let emu: SpotifyEmulator | undefined;
let fx: ProviderFixture[] = [];
afterEach(async () => {
  for (const f of fx) f.close();
  fx = [];
  await emu?.close();
  emu = undefined;
});

function catalogue() {
  const w = new SpotifyWorld();
  w.addUser({ id: 'alice' });
  const daft = w.addArtist({ name: 'Daft Punk', image: 0, genres: ['french house'] });
  const other = w.addArtist({ name: 'Daft Punk Tribute Band' });
  const album = w.addAlbum({
    name: 'Discovery', artists: [daft], releaseDate: '2001-03-07', image: 1,
    tracks: Array.from({ length: 62 }, (_, i) => ({ name: `Track ${i + 1}`, discNumber: i < 40 ? 1 : 2, isrc: `GBDUW01000${String(i).padStart(2, '0')}` })),
  });
  const single = w.addAlbum({ name: 'One More Time', type: 'single', artists: [daft], releaseDate: '2000-11-13', tracks: [{ name: 'One More Time' }] });
  const comp = w.addAlbum({ name: 'Hits', type: 'compilation', artists: [{ id: 'v'.padEnd(22, '0'), name: 'Various Artists' }], tracks: [{ name: 'Da Funk', artists: [daft] }] });
  for (let i = 0; i < 11; i++) w.addAlbum({ name: `Live ${i}`, type: 'single', artists: [daft], releaseDate: `2010-01-${String(i + 10)}`, tracks: [{ name: `Live ${i}` }] });
  return { w, daft, other, album, single, comp };
}

async function setup() {
  const c = catalogue();
  emu = await startSpotifyEmulator({ world: c.w });
  const f = providerFor(emu, { sleep: async () => {} });
  fx.push(f);
  await signIn(f.provider, emu, 'main', 'alice');
  return { ...c, api: await f.provider.api('main'), f };
}

describe('Spotify catalogue reads', () => {
  it('searches artists (at most 10 per request) with their images, and refuses more', async () => {
    const { api, daft } = await setup();
    const hits = await api.searchArtists('daft punk', 5);
    expect(hits.map((a) => a.name)).toEqual(['Daft Punk', 'Daft Punk Tribute Band']);
    expect(hits[0]?.id).toBe(daft.id);
    const url = hits[0]?.images?.[0]?.url ?? '';
    const res = await fetch(url);
    expect(Buffer.from(await res.arrayBuffer()).equals(EMU_JPEGS[0]!)).toBe(true);
    expect(hits[1]?.images).toEqual([]);
    await expect(api.searchArtists('daft', 11)).rejects.toMatchObject({ spotifyCode: 'invalid_input' });
  });

  it('reads an artist, and their albums by kind over pages of 10, once', async () => {
    const { api, daft, album, single, comp } = await setup();
    expect(await api.artist(daft.id)).toMatchObject({ name: 'Daft Punk', genres: ['french house'] });
    const albums = await api.artistAlbums(daft.id);
    expect(albums).toHaveLength(13);
    expect(albums.find((a) => a.id === album.id)).toMatchObject({ album_type: 'album', album_group: 'album', total_tracks: 62 });
    expect(albums.find((a) => a.id === single.id)).toMatchObject({ album_type: 'single', album_group: 'single' });
    // A compilation by someone else that the artist only appears on is not theirs.
    expect(albums.some((a) => a.id === comp.id)).toBe(false);
    const pages = emu!.requests.filter((r) => r.includes('/albums?'));
    expect(pages).toHaveLength(2);
    for (const p of pages) expect(new URL(p.split(' ')[1]!, 'http://x').searchParams.get('limit')).toBe('10');
    await api.artistAlbums(daft.id);
    await api.artist(daft.id);
    expect(emu!.requests.filter((r) => r.includes(`/artists/${daft.id}`))).toHaveLength(3);
  });

  it('reads an album with every track across pages, numbered per disc, and caches it', async () => {
    const { api, album } = await setup();
    const a = await api.album(album.id);
    expect(a.tracks).toHaveLength(62);
    expect(a.tracks[39]).toMatchObject({ name: 'Track 40', disc_number: 1, track_number: 40 });
    expect(a.tracks[40]).toMatchObject({ name: 'Track 41', disc_number: 2, track_number: 1 });
    expect(a).toMatchObject({ album_type: 'album', release_date: '2001-03-07', total_tracks: 62 });
    expect(emu!.requests.filter((r) => r.includes(`/albums/${album.id}`))).toHaveLength(2);
    await api.album(album.id);
    expect(emu!.requests.filter((r) => r.includes(`/albums/${album.id}`))).toHaveLength(2);
  });

  it('shares one fetch between callers asking for the same album at once', async () => {
    const { api, album } = await setup();
    const all = await Promise.all([api.album(album.id), api.album(album.id), api.album(album.id)]);
    expect(all.every((a) => a.tracks.length === 62)).toBe(true);
    expect(emu!.requests.filter((r) => r.includes(`/albums/${album.id}`))).toHaveLength(2);
  });

  it('waits out a 429 in the middle of the pages and ends with the whole album', async () => {
    const { api, album } = await setup();
    emu!.faults.inject({ kind: 'rate_limit', path: `/v1/albums/${album.id}/tracks`, retryAfterSec: 1 });
    const a = await api.album(album.id);
    expect(a.tracks).toHaveLength(62);
    expect(emu!.faults.fired.get('rate_limit')).toBe(1);
  });

  it('says not_found for an unknown artist or album', async () => {
    const { api } = await setup();
    const e = await api.album('x'.repeat(22)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SpotifyError);
    expect((e as SpotifyError).spotifyCode).toBe('not_found');
    await expect(api.artist('y'.repeat(22))).rejects.toMatchObject({ spotifyCode: 'not_found' });
  });
});

describe('catalogue schemas against real captured responses', () => {
  it('parse /artists/{id}, /artists/{id}/albums, /albums/{id} and /albums/{id}/tracks', async () => {
    const s = await import('../../src/main/providers/spotify/schemas');
    const load = (f: string) => JSON.parse(readFileSync(new URL(`../fixtures/real/spotify/${f}`, import.meta.url), 'utf8'));
    expect(s.artistSchema.parse(load('artist.json')).images?.length).toBeGreaterThan(0);
    const albums = s.artistAlbumsPageSchema.parse(load('artist_albums.json'));
    expect(albums.items[0]?.album_group).toBeTruthy();
    expect(new Set(albums.items.map((a) => a.album_type))).toContain('album');
    const album = s.albumSchema.parse(load('get_album.json'));
    expect(album.tracks.items.length).toBe(album.total_tracks);
    expect(album.tracks.items[0]?.track_number).toBe(1);
    expect(s.albumTracksPageSchema.parse(load('album_tracks.json')).items[0]?.disc_number).toBe(1);
  });
});
