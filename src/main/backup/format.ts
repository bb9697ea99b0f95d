// The backup format, version 1: plain JSON files, platform-agnostic (a provider's id and URI are one identity
// among others). docs/backup-format/v1.schema.json documents the same shapes as JSON Schema; these zod schemas
// are what Cassette checks when it reads a backup back.
import { z } from 'zod';

export const BACKUP_FORMAT = 'cassette-backup' as const;
export const BACKUP_VERSION = 1 as const;

export const identitySchema = z.object({ provider: z.string().min(1), id: z.string().min(1), uri: z.string().min(1).optional() });
export type Identity = z.infer<typeof identitySchema>;

export const trackSchema = z.object({
  title: z.string(),
  artists: z.array(z.string()),
  album: z.string().nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  isrc: z.string().nullable(),
  ids: z.array(identitySchema),
  /** Listed but not playable when backed up (greyed out in the app). */
  unavailable: z.boolean().optional(),
});
export type BackupTrack = z.infer<typeof trackSchema>;

export const episodeSchema = z.object({ title: z.string(), show: z.string().nullable(), durationMs: z.number().int().nonnegative().nullable(), ids: z.array(identitySchema) });
export type BackupEpisode = z.infer<typeof episodeSchema>;

export const localFileSchema = z.object({ title: z.string(), artists: z.array(z.string()), album: z.string().nullable(), durationMs: z.number().int().nonnegative().nullable(), uri: z.string().nullable() });

export const entrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('track'), addedAt: z.string().nullable(), addedBy: z.string().nullable(), track: trackSchema }),
  z.object({ kind: z.literal('episode'), addedAt: z.string().nullable(), addedBy: z.string().nullable(), episode: episodeSchema }),
  /** A local file of the owner's device: kept as metadata, cannot be added back through an API. */
  z.object({ kind: z.literal('local'), addedAt: z.string().nullable(), addedBy: z.string().nullable(), local: localFileSchema }),
  /** The service gave no item (removed or unavailable): kept so positions stay true. */
  z.object({ kind: z.literal('missing'), addedAt: z.string().nullable(), addedBy: z.string().nullable() }),
]);
export type BackupEntry = z.infer<typeof entrySchema>;

const header = { format: z.literal(BACKUP_FORMAT), version: z.literal(BACKUP_VERSION), provider: z.string().min(1) };

export const likesFileSchema = z.object({
  ...header,
  kind: z.literal('likes'),
  userId: z.string(),
  /** Newest first, as the service lists them. */
  items: z.array(z.object({ addedAt: z.string(), track: trackSchema })),
});
export type LikesFile = z.infer<typeof likesFileSchema>;

export const accessSchema = z.enum(['owner', 'collaborator', 'follower']);
export type PlaylistAccess = z.infer<typeof accessSchema>;

export const playlistFileSchema = z.object({
  ...header,
  kind: z.literal('playlist'),
  id: z.string(),
  uri: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  public: z.boolean().nullable(),
  collaborative: z.boolean(),
  owner: z.object({ id: z.string(), displayName: z.string().nullable() }),
  access: accessSchema,
  snapshotId: z.string().nullable(),
  /** The cover image file of this run (image URLs expire, so the bytes are kept). */
  cover: z.string().nullable().optional(),
  /** Absent for playlists the account only follows: their contents are not readable. */
  items: z.array(entrySchema).optional(),
});
export type PlaylistFile = z.infer<typeof playlistFileSchema>;

export const runStatusSchema = z.enum(['complete', 'partial', 'failed']);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const fileRecordSchema = z.object({
  name: z.string(),
  kind: z.enum(['likes', 'playlist', 'cover']),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  items: z.number().int().nonnegative().optional(),
  playlistId: z.string().optional(),
  snapshotId: z.string().nullable().optional(),
  /** Copied from this earlier run (same snapshot) instead of fetched. */
  reusedFrom: z.string().optional(),
});
export type FileRecord = z.infer<typeof fileRecordSchema>;

export const metadataSchema = z.object({
  ...header,
  kind: z.literal('metadata'),
  account: z.object({ userId: z.string(), displayName: z.string() }),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: runStatusSchema,
  paused: z.boolean(),
  pauseReason: z.string().optional(),
  failure: z.string().optional(),
  /** What the likes looked like, so a re-run can tell whether they changed. */
  likes: z.object({ total: z.number().int().nonnegative(), newestAddedAt: z.string().nullable() }).optional(),
  files: z.array(fileRecordSchema),
  errors: z.array(z.object({ file: z.string().optional(), playlistId: z.string().optional(), code: z.string(), message: z.string() })),
  requests: z.number().int().nonnegative(),
});
export type RunMetadata = z.infer<typeof metadataSchema>;

export const playlistFileName = (id: string) => `playlist_${id.replace(/[^A-Za-z0-9_-]/g, '_')}.json`;
export const coverFileName = (id: string) => `cover_${id.replace(/[^A-Za-z0-9_-]/g, '_')}.jpg`;
export const LIKES_FILE = 'likes.json';
export const METADATA_FILE = 'metadata.json';
