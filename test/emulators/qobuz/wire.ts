// Renders library entries in the shapes of the real captured responses (fixtures/real/qobuz).
import type { EmuAlbum, EmuArtist, EmuTrack, QobuzLibrary } from './library';

type Json = Record<string, unknown>;

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'x';

function artistJson(a: EmuArtist): Json {
  return { id: a.id, name: a.name, slug: slug(a.name), albums_count: 3, picture: null, image: null };
}

function rights(streamable: boolean): Json {
  return {
    purchasable: true,
    streamable,
    previewable: true,
    sampleable: true,
    downloadable: true,
    displayable: true,
    purchasable_at: 1_430_344_800,
    streamable_at: 1_430_344_800,
    hires: false,
    hires_streamable: false,
    maximum_bit_depth: 16,
    maximum_sampling_rate: 44.1,
    maximum_channel_count: 2,
  };
}

export function albumSummaryJson(album: EmuAlbum, lib: QobuzLibrary, imageBase: string): Json {
  const tracks = lib.tracksOf(album.id);
  const discs = new Set(tracks.map((t) => t.discNumber));
  const performers = new Set(tracks.map((t) => t.performer.id));
  const artists = [{ id: album.artist.id, name: album.artist.name, roles: ['main-artist'] }];
  if (performers.size > 1) {
    for (const t of tracks) {
      if (!artists.some((a) => a.id === t.performer.id)) artists.push({ id: t.performer.id, name: t.performer.name, roles: ['performer'] });
    }
  }
  const released = Math.floor(Date.parse(`${album.releaseDate}T00:00:00Z`) / 1000);
  return {
    id: album.id,
    qobuz_id: album.qobuzId,
    title: album.title,
    version: album.version,
    artist: artistJson(album.artist),
    artists,
    media_count: Math.max(1, discs.size),
    tracks_count: tracks.length,
    duration: tracks.reduce((s, t) => s + t.durationSec, 0),
    upc: album.upc,
    released_at: released,
    release_date_original: album.releaseDate,
    release_date_download: album.releaseDate,
    release_date_stream: album.releaseDate,
    genre: { id: 119, name: album.genre, slug: slug(album.genre), color: '#5eabc1', path: [112, 119] },
    label: { id: 4_586, name: album.label, slug: slug(album.label), supplier_id: 23, albums_count: 120 },
    image: {
      small: `${imageBase}/images/covers/${album.id}_230.jpg`,
      thumbnail: `${imageBase}/images/covers/${album.id}_50.jpg`,
      large: `${imageBase}/images/covers/${album.id}_600.jpg`,
      back: null,
    },
    popularity: 0,
    parental_warning: false,
    product_type: 'album',
    release_type: 'album',
    ...rights(true),
  };
}

export function trackJson(t: EmuTrack): Json {
  return {
    id: t.id,
    title: t.title,
    version: t.version,
    work: null,
    duration: t.durationSec,
    track_number: t.trackNumber,
    media_number: t.discNumber,
    isrc: t.isrc,
    performer: { id: t.performer.id, name: t.performer.name },
    performers: `${t.performer.name}, MainArtist - ${t.composer.name}, Composer`,
    composer: { id: t.composer.id, name: t.composer.name },
    copyright: `(P) 2020 ${t.performer.name}`,
    parental_warning: false,
    audio_info: { replaygain_track_gain: -7.1, replaygain_track_peak: 0.93 },
    ...rights(t.streamable),
  };
}

export function albumJson(album: EmuAlbum, lib: QobuzLibrary, imageBase: string, offset: number, limit: number): Json {
  const all = lib.tracksOf(album.id);
  return {
    ...albumSummaryJson(album, lib, imageBase),
    description: '',
    goodies: [],
    awards: [],
    articles: [],
    tracks: { offset, limit, total: all.length, items: all.slice(offset, offset + limit).map(trackJson) },
  };
}

export function trackWithAlbumJson(t: EmuTrack, lib: QobuzLibrary, imageBase: string): Json {
  const album = lib.album(t.albumId);
  return { ...trackJson(t), album: album ? albumSummaryJson(album, lib, imageBase) : null };
}

const purchaseFields = (n: number): Json => ({
  purchased_at: 1_431_358_395 + n * 3_600,
  order_id: 16_554_108 + n,
  order_line_id: 1,
  hires_purchased: false,
});

export function purchasedAlbumJson(album: EmuAlbum, lib: QobuzLibrary, imageBase: string, n: number): Json {
  return { ...albumSummaryJson(album, lib, imageBase), articles: [], ...purchaseFields(n) };
}

export function purchasedTrackJson(t: EmuTrack, lib: QobuzLibrary, imageBase: string, n: number): Json {
  return { ...trackWithAlbumJson(t, lib, imageBase), type: 'ps', ...purchaseFields(n) };
}

export interface EmuUser {
  id: number;
  login: string;
  email: string;
}

/** A purchase-only account: credential.parameters is null (no streaming subscription). */
export function userJson(u: EmuUser): Json {
  return {
    id: u.id,
    email: u.email,
    login: u.login,
    firstname: '',
    lastname: '',
    country_code: 'FR',
    language_code: 'fr',
    zone: 'FR',
    store: 'FR-fr',
    country: 'FR',
    avatar: null,
    credential: { id: null, label: 'purchase-only', description: 'Purchase only', parameters: null },
    externals: {},
  };
}
