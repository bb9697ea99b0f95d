// zod schemas for every Qobuz response Cassette reads. Unknown fields pass through; fields Cassette relies on are
// required so a changed API fails loudly instead of syncing nonsense.
import { z } from 'zod';

const id = z.union([z.number(), z.string()]);
const nullableString = z.string().nullish();

export const qobuzErrorBodySchema = z.looseObject({
  status: z.string().optional(),
  code: z.union([z.number(), z.string()]).optional(),
  message: z.string().optional(),
});

export const qobuzUserSchema = z.looseObject({
  id: z.number(),
  login: z.string().nullish(),
  email: z.string().nullish(),
  country_code: z.string().nullish(),
  // A purchase-only account has credential.parameters === null: valid, never rejected.
  credential: z
    .looseObject({
      id: z.number().nullish(),
      label: z.string().nullish(),
      parameters: z.looseObject({}).nullish(),
    })
    .nullish(),
});
export type QobuzUser = z.infer<typeof qobuzUserSchema>;

export const qobuzLoginSchema = z.looseObject({
  user: qobuzUserSchema,
  user_auth_token: z.string().min(1),
});

const artistRefSchema = z.looseObject({ id: id, name: z.string() });

const imageSchema = z.looseObject({
  small: nullableString,
  thumbnail: nullableString,
  large: nullableString,
});

/** An album as it appears in listings and nested in tracks (no track list). */
export const qobuzAlbumSummarySchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  version: nullableString,
  artist: artistRefSchema,
  artists: z.array(z.looseObject({ id: id, name: z.string(), roles: z.array(z.string()).optional() })).optional(),
  media_count: z.number().nullish(),
  tracks_count: z.number().nullish(),
  duration: z.number().nullish(),
  upc: nullableString,
  release_date_original: nullableString,
  released_at: z.number().nullish(),
  genre: z.looseObject({ name: z.string() }).nullish(),
  label: z.looseObject({ name: z.string() }).nullish(),
  image: imageSchema.nullish(),
  streamable: z.boolean().nullish(),
  downloadable: z.boolean().nullish(),
});
export type QobuzAlbumSummary = z.infer<typeof qobuzAlbumSummarySchema>;

/** A track as listed inside album/get (no nested album). */
export const qobuzTrackSchema = z.looseObject({
  id: z.number(),
  title: z.string(),
  version: nullableString,
  work: nullableString,
  duration: z.number(),
  track_number: z.number(),
  media_number: z.number().default(1),
  isrc: nullableString,
  performer: artistRefSchema.nullish(),
  performers: nullableString,
  composer: artistRefSchema.nullish(),
  streamable: z.boolean().nullish(),
  downloadable: z.boolean().nullish(),
});
export type QobuzTrack = z.infer<typeof qobuzTrackSchema>;

/** track/get: a track with its album. */
export const qobuzTrackWithAlbumSchema = qobuzTrackSchema.extend({ album: qobuzAlbumSummarySchema });
export type QobuzTrackWithAlbum = z.infer<typeof qobuzTrackWithAlbumSchema>;

const pageOf = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    offset: z.number().optional(),
    limit: z.number().optional(),
    total: z.number(),
    items: z.array(item),
  });

export const qobuzAlbumSchema = qobuzAlbumSummarySchema.extend({ tracks: pageOf(qobuzTrackSchema) });
export type QobuzAlbum = z.infer<typeof qobuzAlbumSchema>;

const purchaseFields = { purchased_at: z.number().nullish() };
export const qobuzPurchasedAlbumSchema = qobuzAlbumSummarySchema.extend(purchaseFields);
export type QobuzPurchasedAlbum = z.infer<typeof qobuzPurchasedAlbumSchema>;
export const qobuzPurchasedTrackSchema = qobuzTrackWithAlbumSchema.extend(purchaseFields);
export type QobuzPurchasedTrack = z.infer<typeof qobuzPurchasedTrackSchema>;

export const qobuzPurchasesSchema = z.looseObject({
  albums: pageOf(qobuzPurchasedAlbumSchema).optional(),
  tracks: pageOf(qobuzPurchasedTrackSchema).optional(),
});

export const qobuzPurchaseIdsSchema = z.looseObject({
  albums: pageOf(z.looseObject({ id: z.string() })).optional(),
  tracks: pageOf(z.looseObject({ id: z.number() })).optional(),
});

/**
 * A field Cassette can do without: null, absent or of an unexpected type all read as undefined, so a changed or
 * sparse answer never fails a download over a detail it does not need.
 */
const lenient = <T extends z.ZodType>(t: T) => t.optional().catch(undefined);

/** Restriction entries without a usable code are dropped; the rest keep their other fields. */
export const qobuzRestrictionSchema = z.looseObject({ code: z.string().min(1) });
const restrictionsSchema = z
  .array(z.unknown())
  .nullish()
  .catch(undefined)
  .transform((items) => (items ?? []).flatMap((r) => {
    const parsed = qobuzRestrictionSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  }))
  .optional();

/**
 * track/getFileUrl. Only `url` (when present) is relied on; a refused or restricted track comes without `url` and
 * often without `format_id`, with `restrictions` saying why. Everything else is informative and read leniently
 * (`bit_depth`/`sampling_rate` are null or missing on MP3 and restricted answers).
 */
export const qobuzFileUrlSchema = z.looseObject({
  track_id: lenient(id),
  format_id: lenient(z.number()),
  url: z.string().min(1).optional().catch(undefined),
  duration: lenient(z.number()),
  mime_type: lenient(z.string()),
  sampling_rate: lenient(z.number()),
  bit_depth: lenient(z.number()),
  sample: lenient(z.boolean()),
  restrictions: restrictionsSchema,
});
export type QobuzFileUrl = z.infer<typeof qobuzFileUrlSchema>;

export const qobuzOAuthTokenSchema = z.looseObject({
  token: z.string().min(1),
  user_id: id,
});
