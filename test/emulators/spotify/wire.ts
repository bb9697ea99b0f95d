// Web API JSON shapes as the real service sends them (2026: playlist entries carry `item`; liked tracks keep
// `track`). Fields the real API has are kept where clients might read them; the ones it dropped are left out.
import { localUri, snapshotId, type EmuAlbum, type EmuArtist, type EmuArtistProfile, type EmuEpisode, type EmuLocalFile, type EmuPlaylist, type EmuPlaylistEntry, type EmuTrack, type EmuUser, type SpotifyWorld } from './world';

const MARKETS = ['NL', 'DE', 'US', 'GB'];

export function userToWire(api: string, u: Pick<EmuUser, 'id' | 'displayName'>) {
  return {
    display_name: u.displayName,
    external_urls: { spotify: `https://open.spotify.com/user/${u.id}` },
    href: `${api}/users/${u.id}`,
    id: u.id,
    type: 'user',
    uri: `spotify:user:${u.id}`,
  };
}

export function meToWire(api: string, u: EmuUser) {
  return { ...userToWire(api, u), country: 'NL', product: u.product, images: [], explicit_content: { filter_enabled: false, filter_locked: false } };
}

/** The image host lives beside the Web API (`<origin>/image/...`), like i.scdn.co beside api.spotify.com. */
function originOf(api: string): string {
  return api.replace(/\/v1$/, '');
}

export function imagesToWire(api: string, kind: 'artist' | 'album', id: string, image: number | undefined) {
  if (image === undefined) return [];
  const o = originOf(api);
  return [640, 300, 64].map((size) => ({ url: `${o}/image/${kind}/${id}/${size}`, height: size, width: size }));
}

/** A simplified album (as in a track, an artist's albums or a search), from the world when it knows the album. */
export function albumRefToWire(api: string, ref: { id: string; name: string }, trackArtists: EmuArtist[], album?: EmuAlbum, group?: string) {
  return {
    album_type: album?.type ?? 'album',
    ...(group ? { album_group: group } : {}),
    id: ref.id,
    name: album?.name ?? ref.name,
    uri: `spotify:album:${ref.id}`,
    href: `${api}/albums/${ref.id}`,
    external_urls: { spotify: `https://open.spotify.com/album/${ref.id}` },
    artists: (album?.artists ?? trackArtists).map((a) => artistToWire(api, a)),
    images: imagesToWire(api, 'album', ref.id, album?.image),
    release_date: album?.releaseDate ?? '2020-01-01',
    release_date_precision: 'day',
    total_tracks: album?.trackIds.length ?? 10,
    type: 'album',
  };
}

export function trackToWire(api: string, t: EmuTrack, world?: SpotifyWorld) {
  return {
    album: albumRefToWire(api, t.album, t.artists, world?.albums.get(t.album.id)),
    artists: t.artists.map((a) => artistToWire(api, a)),
    available_markets: t.unavailable ? [] : MARKETS,
    disc_number: t.discNumber ?? 1,
    duration_ms: t.durationMs,
    explicit: false,
    external_ids: t.isrc ? { isrc: t.isrc } : {},
    external_urls: { spotify: `https://open.spotify.com/track/${t.id}` },
    href: `${api}/tracks/${t.id}`,
    id: t.id,
    is_local: false,
    ...(t.unavailable ? { is_playable: false, restrictions: { reason: 'product' } } : {}),
    name: t.name,
    preview_url: null,
    track_number: t.trackNumber ?? 1,
    type: 'track',
    uri: `spotify:track:${t.id}`,
  };
}

/** A track as an album's track list has it: no album, no external ids (those need GET /tracks/{id}). */
export function simplifiedTrackToWire(api: string, t: EmuTrack) {
  const { album: _album, external_ids: _ids, ...rest } = trackToWire(api, t);
  return rest;
}

/** GET /artists/{id}: 2026 drops popularity and followers; genres are usually empty. */
export function artistProfileToWire(api: string, a: EmuArtistProfile) {
  return { ...artistToWire(api, a), genres: a.genres, images: imagesToWire(api, 'artist', a.id, a.image) };
}

function artistToWire(api: string, a: { id: string; name: string }) {
  return { id: a.id, name: a.name, type: 'artist', uri: `spotify:artist:${a.id}`, href: `${api}/artists/${a.id}`, external_urls: { spotify: `https://open.spotify.com/artist/${a.id}` } };
}

export function episodeToWire(api: string, e: EmuEpisode) {
  return {
    id: e.id,
    name: e.name,
    type: 'episode',
    uri: `spotify:episode:${e.id}`,
    href: `${api}/episodes/${e.id}`,
    duration_ms: e.durationMs,
    release_date: '2024-03-01',
    show: { id: 's'.padEnd(22, '1'), name: e.show, publisher: e.show, type: 'show' },
  };
}

export function localToWire(f: EmuLocalFile) {
  return {
    album: { album_type: null, artists: [], available_markets: [], external_urls: {}, href: null, id: null, images: [], name: f.album, release_date: null, type: 'album', uri: null },
    artists: [{ external_urls: {}, href: null, id: null, name: f.artist, type: 'artist', uri: null }],
    available_markets: [],
    disc_number: 0,
    duration_ms: f.durationMs,
    explicit: false,
    external_ids: {},
    external_urls: {},
    href: null,
    id: null,
    is_local: true,
    name: f.name,
    popularity: 0,
    preview_url: null,
    track_number: 0,
    type: 'track',
    uri: localUri(f),
  };
}

export function entryToWire(api: string, world: SpotifyWorld, e: EmuPlaylistEntry, itemKey: 'item' | 'track') {
  let item: unknown = null;
  const ref = e.ref;
  if (ref.kind === 'track') {
    const t = world.tracks.get(ref.id);
    item = t ? trackToWire(api, t, world) : null;
  } else if (ref.kind === 'episode') {
    const ep = world.episodes.get(ref.id);
    item = ep ? episodeToWire(api, ep) : null;
  } else if (ref.kind === 'local') {
    item = localToWire(ref.file);
  }
  return {
    added_at: e.addedAt,
    added_by: { id: e.addedBy, type: 'user', uri: `spotify:user:${e.addedBy}`, href: `${api}/users/${e.addedBy}`, external_urls: {} },
    is_local: ref.kind === 'local',
    primary_color: null,
    [itemKey]: item,
  };
}

export function playlistToWire(api: string, origin: string, world: SpotifyWorld, p: EmuPlaylist) {
  const owner = world.users.get(p.ownerId) ?? { id: p.ownerId, displayName: p.ownerId };
  return {
    collaborative: p.collaborative,
    description: p.description,
    external_urls: { spotify: `https://open.spotify.com/playlist/${p.id}` },
    href: `${api}/playlists/${p.id}`,
    id: p.id,
    images: p.cover ? [{ height: null, url: `${origin}/image/${p.id}/${p.snapshotSeq}`, width: null }] : [],
    name: p.name,
    owner: userToWire(api, owner),
    primary_color: null,
    public: p.public,
    snapshot_id: snapshotId(p),
    items: { href: `${api}/playlists/${p.id}/items`, total: p.entries.length },
    type: 'playlist',
    uri: `spotify:playlist:${p.id}`,
  };
}

export function page<T>(href: URL, items: T[], offset: number, limit: number, total: number) {
  const at = (o: number) => {
    const u = new URL(href);
    u.searchParams.set('offset', String(o));
    u.searchParams.set('limit', String(limit));
    return u.toString();
  };
  return {
    href: at(offset),
    items,
    limit,
    next: offset + limit < total ? at(offset + limit) : null,
    offset,
    previous: offset > 0 ? at(Math.max(0, offset - limit)) : null,
    total,
  };
}
