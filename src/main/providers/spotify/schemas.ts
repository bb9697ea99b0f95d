// zod schemas of every Spotify response Cassette reads. Unknown fields pass; missing required ones fail loudly.
// Both generations of playlist entries parse: pre-2026 `track`, 2026 `item` (normalised to `item`).
import { z } from 'zod';

const image = z.object({ url: z.string(), height: z.number().nullable().optional(), width: z.number().nullable().optional() });

export const userRefSchema = z.object({ id: z.string(), display_name: z.string().nullable().optional() });

export const meSchema = z.object({
  id: z.string(),
  display_name: z.string().nullable().optional(),
  product: z.string().optional(),
  country: z.string().optional(),
});
export type SpotifyMe = z.infer<typeof meSchema>;

const artistRef = z.object({ id: z.string().nullable().optional(), name: z.string(), uri: z.string().nullable().optional() });

/** album (their own record), single (and EPs), compilation. Unknown future kinds parse as themselves. */
const albumType = z.string();

/** An album as tracks, searches and an artist's album list carry it (no track list). */
export const simplifiedAlbumSchema = z.object({
  id: z.string().nullable().optional(),
  name: z.string(),
  uri: z.string().nullable().optional(),
  album_type: albumType.nullable().optional(),
  /** Only in an artist's album list: how the album relates to that artist (appears_on: someone else's). */
  album_group: z.string().optional(),
  total_tracks: z.number().int().optional(),
  release_date: z.string().nullable().optional(),
  release_date_precision: z.string().nullable().optional(),
  images: z.array(image).nullable().optional(),
  artists: z.array(artistRef).optional(),
});
export type SpotifySimplifiedAlbum = z.infer<typeof simplifiedAlbumSchema>;

export const trackSchema = z.object({
  type: z.literal('track'),
  id: z.string().nullable(),
  uri: z.string().nullable().optional(),
  name: z.string(),
  artists: z.array(artistRef),
  album: simplifiedAlbumSchema.optional(),
  track_number: z.number().int().optional(),
  disc_number: z.number().int().optional(),
  duration_ms: z.number(),
  external_ids: z.object({ isrc: z.string().optional() }).partial().optional(),
  is_local: z.boolean().optional(),
  is_playable: z.boolean().optional(),
  available_markets: z.array(z.string()).optional(),
});
export type SpotifyTrack = z.infer<typeof trackSchema>;

export const episodeSchema = z.object({
  type: z.literal('episode'),
  id: z.string(),
  uri: z.string(),
  name: z.string(),
  duration_ms: z.number(),
  show: z.object({ name: z.string(), publisher: z.string().optional() }).optional(),
});
export type SpotifyEpisode = z.infer<typeof episodeSchema>;

const playable = z.discriminatedUnion('type', [trackSchema, episodeSchema]);

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), offset: z.number().int(), limit: z.number().int(), next: z.string().nullable() });

export const savedTrackSchema = z.object({ added_at: z.string(), track: trackSchema.nullable() });
export const savedTracksPageSchema = pageOf(savedTrackSchema);
export type SavedTracksPage = z.infer<typeof savedTracksPageSchema>;

export const playlistSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  public: z.boolean().nullable().optional(),
  collaborative: z.boolean(),
  snapshot_id: z.string(),
  owner: userRefSchema,
  images: z.array(image).nullable().optional(),
  uri: z.string().optional(),
  // 2026 calls the summary `items`, earlier responses `tracks`; either may hold only {href,total}.
  items: z.object({ total: z.number().int() }).partial().optional(),
  tracks: z.object({ total: z.number().int() }).partial().optional(),
});
export type SpotifyPlaylist = z.infer<typeof playlistSchema>;
export const playlistsPageSchema = pageOf(playlistSchema);
export type PlaylistsPage = z.infer<typeof playlistsPageSchema>;

const rawEntry = z.object({
  added_at: z.string().nullable().optional(),
  added_by: userRefSchema.partial().nullable().optional(),
  is_local: z.boolean().optional(),
  item: playable.nullable().optional(),
  track: playable.nullable().optional(),
});
/** One playlist entry, `item` whatever key it came under; null when the API gives none (removed, unavailable). */
export const playlistEntrySchema = rawEntry.transform((e) => ({
  added_at: e.added_at ?? null,
  added_by: e.added_by?.id ?? null,
  is_local: e.is_local ?? false,
  item: e.item !== undefined ? e.item : (e.track ?? null),
}));
export type PlaylistEntry = z.infer<typeof playlistEntrySchema>;
export const playlistItemsPageSchema = pageOf(playlistEntrySchema);
export type PlaylistItemsPage = z.infer<typeof playlistItemsPageSchema>;

export const imagesSchema = z.array(image);
export const containsSchema = z.array(z.boolean());
export const snapshotSchema = z.object({ snapshot_id: z.string() });
export const searchTracksSchema = z.object({ tracks: pageOf(trackSchema) });

/** GET /artists/{id} and artist search results (2026: no popularity or followers; genres usually empty). */
export const artistSchema = z.object({
  id: z.string(),
  name: z.string(),
  uri: z.string().optional(),
  genres: z.array(z.string()).optional(),
  images: z.array(image).nullable().optional(),
});
export type SpotifyArtist = z.infer<typeof artistSchema>;
export const searchArtistsSchema = z.object({ artists: pageOf(artistSchema) });
export const artistAlbumsPageSchema = pageOf(simplifiedAlbumSchema);
export type ArtistAlbumsPage = z.infer<typeof artistAlbumsPageSchema>;

/** A track in an album's track list: no album, usually no external ids (GET /tracks/{id} has the ISRC). */
export const albumTrackSchema = trackSchema.omit({ album: true });
export type SpotifyAlbumTrack = z.infer<typeof albumTrackSchema>;
export const albumTracksPageSchema = pageOf(albumTrackSchema);

/** GET /albums/{id}: the first page of its tracks embedded. */
export const albumSchema = simplifiedAlbumSchema.extend({
  id: z.string(),
  album_type: albumType,
  total_tracks: z.number().int(),
  genres: z.array(z.string()).optional(),
  tracks: albumTracksPageSchema,
});
/** An album with every track (pages joined). */
export type SpotifyAlbum = Omit<z.infer<typeof albumSchema>, 'tracks'> & { tracks: SpotifyAlbumTrack[] };
export const fullAlbumSchema = albumSchema.omit({ tracks: true }).extend({ tracks: z.array(albumTrackSchema) });

export const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number(),
  scope: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
});
export type TokenResponse = z.infer<typeof tokenSchema>;

export const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });
export const apiErrorSchema = z.object({ error: z.object({ status: z.number().optional(), message: z.string().optional(), reason: z.string().optional() }) });
