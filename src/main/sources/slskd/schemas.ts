// zod schemas for everything slskd (/api/v0) sends us. slskd omits null properties, so optional fields are
// `.optional()` (and tolerate an explicit null from older versions); unknown fields pass through untouched.
import { z } from 'zod';

const opt = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? undefined);

export const ApplicationSchema = z.looseObject({
  version: z.looseObject({ full: z.string().optional(), current: z.string().optional() }).optional(),
  server: z.looseObject({ state: z.string().optional(), isLoggedIn: z.boolean().optional() }).optional(),
});
export type SlskdApplication = z.infer<typeof ApplicationSchema>;

export const SearchSchema = z.looseObject({
  id: z.string(),
  searchText: z.string(),
  state: z.string(),
  isComplete: z.boolean(),
  responseCount: z.number().default(0),
  fileCount: z.number().default(0),
  lockedFileCount: z.number().default(0),
  startedAt: opt(z.string()),
  endedAt: opt(z.string()),
});
export type SlskdSearch = z.infer<typeof SearchSchema>;

export const SearchFileSchema = z.looseObject({
  filename: z.string(),
  size: z.number(),
  extension: opt(z.string()),
  bitRate: opt(z.number()),
  bitDepth: opt(z.number()),
  sampleRate: opt(z.number()),
  /** Seconds. */
  length: opt(z.number()),
  isVariableBitRate: opt(z.boolean()),
  isLocked: opt(z.boolean()),
});
export type SlskdSearchFile = z.infer<typeof SearchFileSchema>;

export const SearchResponseSchema = z.looseObject({
  username: z.string(),
  hasFreeUploadSlot: z.boolean().default(false),
  queueLength: z.number().default(0),
  /** Bytes per second. */
  uploadSpeed: z.number().default(0),
  fileCount: z.number().default(0),
  files: z.array(SearchFileSchema).default([]),
  lockedFileCount: z.number().default(0),
  lockedFiles: z.array(SearchFileSchema).default([]),
});
export type SlskdSearchResponse = z.infer<typeof SearchResponseSchema>;
export const SearchResponsesSchema = z.array(SearchResponseSchema);

export const TransferSchema = z.looseObject({
  id: z.string(),
  username: z.string(),
  filename: z.string(),
  size: z.number(),
  /** A flag list such as "Queued, Remotely" or "Completed, Succeeded". */
  state: z.string(),
  bytesTransferred: z.number().default(0),
  percentComplete: z.number().default(0),
  averageSpeed: z.number().default(0),
  placeInQueue: opt(z.number()),
  exception: opt(z.string()),
  /** ISO time slskd took the request. */
  requestedAt: opt(z.string()),
});
export type SlskdTransfer = z.infer<typeof TransferSchema>;

/** `failed` holds file names in some slskd versions and Transfer objects in others. */
export const EnqueueResultSchema = z.looseObject({
  enqueued: z.array(TransferSchema).default([]),
  failed: z.array(z.unknown()).default([]),
});
export type SlskdEnqueueResult = z.infer<typeof EnqueueResultSchema>;

/** GET /transfers/downloads/{username}: one user's transfers, by remote directory. */
export const UserDownloadsSchema = z.looseObject({
  username: z.string(),
  directories: z
    .array(z.looseObject({ directory: z.string(), files: z.array(TransferSchema).default([]) }))
    .default([]),
});
export type SlskdUserDownloads = z.infer<typeof UserDownloadsSchema>;

export const DownloadsByUserSchema = z.array(UserDownloadsSchema);
export type SlskdDownloadsByUser = z.infer<typeof DownloadsByUserSchema>;
