// The contract's shapes for Spotify accounts, backup runs and restores (the Backups page and the Spotify section of
// Settings). Runs are named by an id ("<user id>/<run name>") that the core maps to a folder under the backups
// root; no client ever hands the core a path. Tokens never appear here.
import { z } from 'zod';

/** "<user id>/<UTC time>[-N]", as listed by backups.list. */
export const runId = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9._-]{1,100}\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(?:-\d{1,4})?$/, 'is not a backup run id')
  .refine((s) => !s.startsWith('.'), 'is not a backup run id');
export const accountName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'is not an account name (letters, digits, - and _)');

export const backupSchedule = z.enum(['off', 'daily', 'weekly']);
export type BackupScheduleDto = z.infer<typeof backupSchedule>;

export const spotifyAccount = z.object({
  account: z.string(),
  userId: z.string(),
  displayName: z.string(),
  consentedAt: z.number(),
  /** When the refresh token dies (6 months after consent): sign in again before then. */
  consentExpiresAt: z.number(),
  expiringSoon: z.boolean(),
});
export type SpotifyAccountDto = z.infer<typeof spotifyAccount>;

export const spotifySignInState = z.object({
  account: z.string(),
  state: z.enum(['waiting', 'signed_in', 'failed']),
  /** The page to open in a browser (also opened for you in the desktop app). */
  authorizeUrl: z.string().nullable(),
  /** Who signed in, or why it failed. */
  message: z.string().nullable(),
});
export type SpotifySignInStateDto = z.infer<typeof spotifySignInState>;

export const spotifyAccounts = z.object({
  /** Whether a Client ID is set (without one nobody can sign in). */
  configured: z.boolean(),
  /** The redirect URI to register in the Spotify dashboard (any port of 127.0.0.1 matches it). */
  redirectUri: z.string(),
  accounts: z.array(spotifyAccount),
  /** Sign-ins waiting for the browser, and the last one's outcome per account. */
  signIns: z.array(spotifySignInState),
});
export type SpotifyAccountsDto = z.infer<typeof spotifyAccounts>;

export const runStateEnum = z.enum(['complete', 'partial', 'failed', 'paused', 'interrupted']);
export const backupRunRow = z.object({
  id: runId,
  name: z.string(),
  userId: z.string(),
  status: runStateEnum,
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  likes: z.number().int(),
  playlists: z.number().int(),
  followed: z.number().int(),
  reusedFiles: z.number().int(),
  errors: z.number().int(),
  pauseReason: z.string().nullable(),
  failure: z.string().nullable(),
});
export type BackupRunRowDto = z.infer<typeof backupRunRow>;

export const backupRunResult = z.object({
  status: z.enum(['complete', 'partial', 'failed', 'paused']),
  run: runId.nullable(),
  likes: z.number().int(),
  playlists: z.number().int(),
  followed: z.number().int(),
  failedPlaylists: z.array(z.string()),
  reusedPlaylists: z.number().int(),
  requests: z.number().int(),
  reason: z.string().nullable(),
});

export const restoreReport = z.object({
  likesAdded: z.number().int(),
  likesAlreadyThere: z.number().int(),
  playlistsCreated: z.number().int(),
  playlistsReused: z.number().int(),
  itemsAdded: z.number().int(),
  itemsAlreadyThere: z.number().int(),
  followed: z.number().int(),
  unrestorable: z.number().int(),
  filesSkipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  writeFailures: z.array(z.object({ what: z.string(), reason: z.string() })),
  unrestorableItems: z.array(z.object({ where: z.string(), item: z.string(), reason: z.string() })),
  rematched: z.array(z.object({ from: z.string(), to: z.string() })),
  playlists: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      action: z.enum(['create', 'complete', 'up_to_date', 'follow', 'already_followed']),
      itemsToAdd: z.number().int(),
    }),
  ),
  dryRun: z.boolean(),
});
export type RestoreReportDto = z.infer<typeof restoreReport>;

/** A backup or a restore running in the core, or the last one that finished (per account and kind). */
export const backupJob = z.object({
  id: z.string(),
  kind: z.enum(['backup', 'restore']),
  /** The account backed up, or restored into. */
  account: z.string(),
  /** The run restored from (restore), or written (backup, once known). */
  run: runId.nullable(),
  /** Started by the schedule rather than a person. */
  scheduled: z.boolean(),
  state: z.enum(['running', 'complete', 'partial', 'failed', 'paused']),
  phase: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  message: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  backup: backupRunResult.nullable(),
  restore: restoreReport.nullable(),
  error: z.string().nullable(),
});
export type BackupJobDto = z.infer<typeof backupJob>;

export const consentWarning = z.object({ account: z.string(), expiresAt: z.number(), message: z.string() });
export type ConsentWarningDto = z.infer<typeof consentWarning>;

export const backupOwner = z.object({
  userId: z.string(),
  displayName: z.string().nullable(),
  /** The signed-in account of this user, if any (an old, lost account keeps its runs without one). */
  account: z.string().nullable(),
  /** Newest first. */
  runs: z.array(backupRunRow),
});

export const backupsOverview = z.object({
  root: z.string(),
  schedule: backupSchedule,
  accounts: z.array(spotifyAccount),
  owners: z.array(backupOwner),
  jobs: z.array(backupJob),
  warnings: z.array(consentWarning),
  /** When the schedule runs next (null when off). */
  nextScheduledAt: z.number().nullable(),
});
export type BackupsOverviewDto = z.infer<typeof backupsOverview>;

export const backupFileRow = z.object({
  name: z.string(),
  kind: z.enum(['likes', 'playlist', 'cover']),
  items: z.number().int().nullable(),
  sha256: z.string(),
  bytes: z.number().int(),
  reusedFrom: z.string().nullable(),
  /** The playlist's name, read from the file. */
  title: z.string().nullable(),
});
export const backupFiles = z.object({
  run: backupRunRow,
  files: z.array(backupFileRow),
  errors: z.array(z.object({ file: z.string().nullable(), message: z.string() })),
});
export type BackupFilesDto = z.infer<typeof backupFiles>;

export const runDiff = z.object({
  runA: runId,
  runB: runId,
  likesAdded: z.array(z.string()),
  likesRemoved: z.array(z.string()),
  likesBecameUnavailable: z.array(z.string()),
  playlists: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      change: z.enum(['added', 'removed', 'changed']),
      itemsAdded: z.array(z.string()),
      itemsRemoved: z.array(z.string()),
      becameUnavailable: z.array(z.string()),
    }),
  ),
});
export type RunDiffDto = z.infer<typeof runDiff>;

/** The Spotify part of Settings (the Client ID is not a secret). */
export const spotifySettingsView = z.object({
  clientId: z.string().nullable(),
  backupsDir: z.string(),
  backupsDirIsDefault: z.boolean(),
  keepRuns: z.number().int(),
  schedule: backupSchedule,
  /** "Keep my likes": Liked Songs are checked for missing tracks like a playlist. */
  keepLikes: z.boolean(),
  fromEnv: z.array(z.string()),
});
export const spotifySettingsPatch = z
  .object({
    clientId: z.string().trim().max(200).regex(/^[A-Za-z0-9_-]*$/, 'is not a Spotify Client ID (letters and digits)').nullable().optional(),
    backupsDir: z.string().trim().max(4096).nullable().optional(),
    keepRuns: z.number().int().min(1).max(1000).nullable().optional(),
    schedule: backupSchedule.optional(),
    keepLikes: z.boolean().optional(),
  })
  .strict();
