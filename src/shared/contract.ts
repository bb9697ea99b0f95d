// The one contract between the core and every client (Electron renderer, browser over WebSocket, tests).
// Every method has zod schemas for input and output; every pushed event has a payload schema.
// Imports nothing from node, electron or the DOM.
import { z } from 'zod';
import {
  accountName, backupFiles, backupJob, backupsOverview, restoreReport, runDiff, runId, spotifyAccounts, spotifySettingsPatch, spotifySettingsView,
  spotifySignInState,
} from './backupsContract';

export * from './backupsContract';

export const catalogCounters = z.object({
  songs: z.number().int(),
  artists: z.number().int(),
  albums: z.number().int(),
  missing: z.number().int(),
  queued: z.number().int(),
  downloading: z.number().int(),
  downloaded: z.number().int(),
  failed: z.number().int(),
});
export type CatalogCounters = z.infer<typeof catalogCounters>;

export const queueStatus = z.enum(['pending', 'in_progress', 'retry_waiting', 'completed', 'failed', 'cancelled']);
export const sourceId = z.enum(['qobuz', 'slskd', 'tickets']);
export const priority = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export const queueView = z.enum(['active', 'queued', 'finished', 'failed', 'all']);

/** Why a request waits although nothing runs: its source is not set up, or cannot be reached. */
export const queueWaiting = z.object({
  reason: z.enum(['not_configured', 'unreachable']),
  message: z.string(),
});

export const queueRow = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  trackId: z.number().int().nullable(),
  title: z.string(),
  artist: z.string(),
  album: z.string().nullable(),
  status: queueStatus,
  priority,
  source: sourceId,
  requestSource: z.string(),
  requestedBy: z.string(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  completedAt: z.number().nullable(),
  nextRetryAt: z.number().nullable(),
  retryCount: z.number().int(),
  maxRetries: z.number().int(),
  bytesDownloaded: z.number(),
  bytesTotal: z.number().nullable(),
  /** Bytes per second over the current attempt, when running. */
  speed: z.number().nullable(),
  detail: z.string().nullable(),
  errorType: z.string().nullable(),
  errorMessage: z.string().nullable(),
  destinationPath: z.string().nullable(),
  tried: z.array(z.string()),
  /** Set on waiting rows whose source cannot run them now (see Settings). */
  waiting: queueWaiting.nullable().optional(),
});
export type QueueRow = z.infer<typeof queueRow>;

export const reconcileReport = z.object({
  checked: z.number().int(),
  present: z.number().int(),
  nowMissing: z.number().int(),
  nowPresent: z.number().int(),
  queued: z.number().int(),
  ms: z.number(),
});
export type ReconcileReportDto = z.infer<typeof reconcileReport>;

/** What an import found: new tracks, tracks it updated, files already imported and untouched, and files it refused. */
export const importReport = z.object({
  folder: z.string(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Files that are not playable audio (or could not be read), with the reason. */
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
});
export type ImportReportDto = z.infer<typeof importReport>;

export const appInfo = z.object({
  version: z.string(),
  dataDir: z.string(),
  host: z.enum(['electron', 'headless', 'test']),
  /** Whether this host can show a file in the system's file manager (desktop only). */
  canReveal: z.boolean().optional(),
});

export const queueState = z.object({
  paused: z.boolean(),
  active: z.number().int(),
});

// Qobuz purchase sync (the app's Qobuz page). Tokens go in, never out.
/**
 * A Qobuz sync's counts: tracks downloaded, failed (including files that belong to another track), already in the
 * folder (skipped), found under another name (recognised), and purchased tracks in all (total).
 */
export const qobuzSyncCounts = z.object({
  downloaded: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  recognised: z.number().int(),
  total: z.number().int(),
});
export type QobuzSyncCountsDto = z.infer<typeof qobuzSyncCounts>;

/** How the last Qobuz sync ended (also what qobuz.json keeps of it). */
export const qobuzLastSync = z.object({
  finishedAt: z.number(),
  folder: z.string(),
  downloaded: z.number().int(),
  skipped: z.number().int(),
  recognised: z.number().int(),
  failed: z.number().int(),
  upToDate: z.boolean(),
  stopped: z.enum(['disk_full', 'interrupted', 'cancelled']).nullable(),
  error: z.string().nullable(),
});

export const qobuzStatus = z.object({
  signedIn: z.boolean(),
  /** The Qobuz account (login or e-mail), when signed in. */
  user: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** Where the credentials in use come from: QOBUZ_TOKEN, config.toml, the stored token, or a password. */
  credentials: z.enum(['env', 'config', 'stored', 'password']).nullable(),
  folder: z.string().nullable(),
  syncing: z.boolean(),
  /** Why the account cannot be used right now (rejected token, Qobuz unreachable, ...). */
  problem: z.string().nullable(),
  /** The sync running now (null when none): what it is doing and its counts so far. */
  run: qobuzSyncCounts.extend({ phase: z.string() }).nullable(),
  lastSync: qobuzLastSync.nullable(),
});
export type QobuzStatusDto = z.infer<typeof qobuzStatus>;

export const qobuzPlannedTrack = z.object({
  /** Qobuz track id. */
  trackId: z.number().int(),
  /** Qobuz album id. */
  albumId: z.string(),
  path: z.string(),
  reason: z.enum(['new', 'missing', 'wrong_size', 'unreadable']),
  title: z.string(),
  artist: z.string(),
  album: z.string(),
});

export const qobuzPreview = z.object({
  folder: z.string(),
  /** Every track a sync would download, with its target path. */
  planned: z.array(qobuzPlannedTrack),
  /** Tracks already on disk (including files recognised by path or tags). */
  skipped: z.number().int(),
  recognised: z.number().int(),
  total: z.number().int(),
  /** Tracks bought alone that are also in a bought album (kept once, under the album). */
  deduplicated: z.number().int(),
});
export type QobuzPreviewDto = z.infer<typeof qobuzPreview>;

// Settings and the state of each download source.
export const connectionProblem = z.enum([
  'not_configured', 'unreachable', 'bad_key', 'wrong_version', 'folder_not_visible', 'not_writable', 'not_connected',
]);
export const connectionTest = z.object({
  ok: z.boolean(),
  problem: connectionProblem.nullable(),
  /** One sentence a person can act on. */
  message: z.string(),
  /** What answered, e.g. "slskd 0.22.5". */
  detail: z.string().nullable(),
});
export type ConnectionTestDto = z.infer<typeof connectionTest>;

export const downloadSourceId = z.enum(['slskd', 'tickets', 'qobuz']);
export const sourceState = z.object({
  source: downloadSourceId,
  label: z.string(),
  configured: z.boolean(),
  /** null until checked. */
  reachable: z.boolean().nullable(),
  problem: connectionProblem.nullable(),
  message: z.string(),
  checkedAt: z.number().nullable(),
  /** Requests waiting for this source. */
  waiting: z.number().int(),
  /** Whether missing tracks without a source go here. */
  isDefault: z.boolean(),
});
export type SourceStateDto = z.infer<typeof sourceState>;

/**
 * Worst quality shown (the Search page) or downloaded (Settings → Soulseek): a tier of the ladder (MP3 320 keeps
 * lossless too), or lossless only.
 */
export const searchMinQuality = z.enum(['any', 'mp3-192', 'mp3-256', 'mp3-v0', 'mp3-320', 'lossless']);
/** The libraries the "do I own it?" check reads: the library folder, or a Plex, Jellyfin or Subsonic server. */
export const libraryConnectorName = z.enum(['folder', 'plex', 'jellyfin', 'subsonic']);
/** Where a setting's value comes from: the environment wins over cassette.toml and cannot be changed here. */
const fromEnv = z.array(z.string());
/** The ID3v2 version MP3 tags are written in: 2.4 (modern, the default) or 2.3 (older players, car stereos). */
export const id3VersionName = z.enum(['2.4', '2.3']);
export const settingsView = z.object({
  file: z.string(),
  defaultSource: downloadSourceId,
  folders: z.object({
    libraryDir: z.string(),
    libraryDirIsDefault: z.boolean(),
    transferDir: z.string().nullable(),
    fromEnv,
  }),
  /** `minQuality`: the worst quality the queue downloads from Soulseek (lossless always first), as on the Search page. */
  slskd: z.object({ url: z.string().nullable(), downloadsDir: z.string().nullable(), hasApiKey: z.boolean(), minQuality: searchMinQuality, fromEnv }),
  tickets: z.object({ url: z.string().nullable(), hasToken: z.boolean(), concurrency: z.number().int().nullable(), fromEnv }),
  spotify: spotifySettingsView,
  /** Library servers for the "do I own it?" check; secrets only as "is set". */
  plex: z.object({ url: z.string().nullable(), hasToken: z.boolean(), fromEnv }),
  jellyfin: z.object({ url: z.string().nullable(), hasApiKey: z.boolean(), fromEnv }),
  subsonic: z.object({ url: z.string().nullable(), user: z.string().nullable(), hasPassword: z.boolean(), fromEnv }),
  /** The library missing.analyse and `cassette missing` check against when none is named ([library] index). */
  libraryIndex: libraryConnectorName,
  /** How downloads are tagged ([library] id3_version). */
  tags: z.object({ id3Version: id3VersionName, fromEnv }),
  notes: z.array(z.string()),
});
export type SettingsViewDto = z.infer<typeof settingsView>;

const folderValue = z.string().trim().max(4096).nullable().optional();
const urlValue = z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).nullable().optional();
const secretValue = z.string().trim().max(4096).nullable().optional();
export const settingsPatch = z
  .object({
    defaultSource: downloadSourceId.optional(),
    libraryDir: folderValue,
    transferDir: folderValue,
    slskd: z.object({ url: urlValue, downloadsDir: folderValue, apiKey: secretValue, minQuality: searchMinQuality.optional() }).strict().optional(),
    tickets: z.object({ url: urlValue, token: secretValue, concurrency: z.number().int().min(1).max(16).nullable().optional() }).strict().optional(),
    spotify: spotifySettingsPatch.optional(),
    plex: z.object({ url: urlValue, token: secretValue }).strict().optional(),
    jellyfin: z.object({ url: urlValue, apiKey: secretValue }).strict().optional(),
    subsonic: z.object({ url: urlValue, user: z.string().trim().max(200).nullable().optional(), password: secretValue }).strict().optional(),
    libraryIndex: libraryConnectorName.optional(),
    id3Version: id3VersionName.optional(),
  })
  .strict();

/** Test what is typed (unsaved values win; a secret left empty means the stored one). */
export const connectionTestInput = z.discriminatedUnion('service', [
  z.object({ service: z.literal('slskd'), url: urlValue, apiKey: secretValue, downloadsDir: folderValue }).strict(),
  z.object({ service: z.literal('tickets'), url: urlValue, token: secretValue }).strict(),
  z.object({ service: z.literal('qobuz') }).strict(),
  z.object({ service: z.literal('folders'), libraryDir: folderValue, transferDir: folderValue }).strict(),
  z.object({ service: z.literal('plex'), url: urlValue, token: secretValue }).strict(),
  z.object({ service: z.literal('jellyfin'), url: urlValue, apiKey: secretValue }).strict(),
  z.object({ service: z.literal('subsonic'), url: urlValue, user: z.string().trim().max(200).nullable().optional(), password: secretValue }).strict(),
]);

// Library browsing: artists → albums → tracks, always paged (catalogs reach 100,000 tracks).
export const trackStatus = z.enum(['missing', 'queued', 'downloading', 'downloaded', 'failed']);
/** How complete an artist or album is: tracks known, on disk, and in each other state. */
export const completeness = z.object({
  tracks: z.number().int(),
  onDisk: z.number().int(),
  missing: z.number().int(),
  active: z.number().int(),
  failed: z.number().int(),
});
export const libraryArtist = completeness.extend({
  id: z.number().int(),
  name: z.string(),
  albums: z.number().int(),
  /** The album whose cover stands for the artist: their first album with a track on disk. */
  coverAlbumId: z.number().int().nullable(),
});
export type LibraryArtistDto = z.infer<typeof libraryArtist>;
export const libraryAlbum = completeness.extend({
  id: z.number().int(),
  title: z.string(),
  artistId: z.number().int(),
  artist: z.string(),
  year: z.string().nullable(),
  /** Tracks the release has, when known (may exceed the tracks in the catalog). */
  trackCount: z.number().int().nullable(),
});
export type LibraryAlbumDto = z.infer<typeof libraryAlbum>;
export const libraryTrack = z.object({
  id: z.number().int(),
  title: z.string(),
  artistId: z.number().int(),
  artist: z.string(),
  albumId: z.number().int().nullable(),
  album: z.string().nullable(),
  discNumber: z.number().int().nullable(),
  trackNumber: z.number().int().nullable(),
  durationSec: z.number().nullable(),
  status: trackStatus,
  /** Where the file is (on disk) or will go (planned). */
  path: z.string().nullable(),
  /** Why the last download failed. */
  error: z.string().nullable(),
});
export type LibraryTrackDto = z.infer<typeof libraryTrack>;
const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) };
const searchText = z.string().trim().max(200).optional();
/**
 * How artist and album lists are ordered: by name, by release year (`year` oldest first, `year_desc` newest
 * first; an artist by their latest release), by completeness (the share on disk, most complete first), by when
 * they were added (newest first), by size or by what they miss. With a search, matches that equal or start with
 * the text come first, each group in this order.
 */
export const librarySort = z.enum(['name', 'name_desc', 'year', 'year_desc', 'completeness', 'recently_added', 'most_tracks', 'most_missing']);
/** Track lists: `relevance` (when left out too: equal and starts-with matches first when searching, else by title). */
export const trackSort = z.enum(['relevance', 'name', 'name_desc', 'year', 'year_desc', 'recently_added']);

const qobuzFolderInput = z.object({ folder: z.string().min(1).max(4096).optional() }).strict().optional();

// Soulseek search (the Search page): results grouped into albums (a peer's folder of audio files) and singles.
export const searchFormat = z.enum(['flac', 'mp3', 'm4a', 'ogg', 'opus']);
export const searchState = z.enum(['searching', 'complete', 'failed']);
export const searchPeer = z.object({
  username: z.string(),
  hasFreeUploadSlot: z.boolean(),
  queueLength: z.number().int(),
  /** Bytes per second, as the peer announces it. */
  uploadSpeed: z.number(),
});
export const searchFile = z.object({
  /** The path exactly as the peer shares it: what a download names (never shown raw). */
  filename: z.string(),
  /** File name and folder for people: control and direction characters removed. */
  name: z.string(),
  folder: z.string(),
  size: z.number(),
  format: searchFormat,
  /** The quality tier (flac-24, mp3-320, ...) and its label ("FLAC 24-bit"). */
  quality: z.string(),
  qualityLabel: z.string(),
  bitRate: z.number().nullable(),
  bitDepth: z.number().nullable(),
  sampleRate: z.number().nullable(),
  /** Seconds. */
  lengthSec: z.number().nullable(),
  isVariableBitRate: z.boolean(),
  artist: z.string().nullable(),
  title: z.string(),
  trackNumber: z.number().int().nullable(),
  /** How well it matches the query, 0 … 1 (the matching engine's score). */
  score: z.number(),
});
export type SearchFileDto = z.infer<typeof searchFile>;
export const searchSingle = searchFile.extend({ id: z.string(), peer: searchPeer });
export type SearchSingleDto = z.infer<typeof searchSingle>;
export const searchAlbum = z.object({
  id: z.string(),
  peer: searchPeer,
  /** The folder for people (last segment, cleaned). */
  folder: z.string(),
  artist: z.string().nullable(),
  album: z.string(),
  year: z.number().int().nullable(),
  files: z.array(searchFile),
  size: z.number(),
  lengthSec: z.number().nullable(),
  formats: z.array(searchFormat),
  /** The best file's tier label. */
  qualityLabel: z.string(),
  score: z.number(),
});
export type SearchAlbumDto = z.infer<typeof searchAlbum>;
export const searchFilters = z
  .object({ formats: z.array(searchFormat).max(5).optional(), minQuality: searchMinQuality.default('any') })
  .strict();
export const searchResults = z.object({
  searchId: z.string(),
  query: z.string(),
  state: searchState,
  /** Why a search failed, for people. */
  reason: z.string().nullable(),
  albums: z.array(searchAlbum),
  singles: z.array(searchSingle),
  /** Before the lists were cut to their limits (after filters). */
  totalAlbums: z.number().int(),
  totalSingles: z.number().int(),
  /** Files left out: paths refused as unsafe, locked files, formats Cassette does not download. */
  hidden: z.object({ unsafe: z.number().int(), locked: z.number().int(), unsupported: z.number().int() }),
});
export type SearchResultsDto = z.infer<typeof searchResults>;
const searchIdInput = z.uuid();

const idInput = z.object({ id: z.number().int().positive() });

// Matched downloads: the file as the artist modal knows it, the artists it offers, and the peer files it queues.
const durationMs = z.number().int().positive().max(24 * 3600_000);
export const matchFile = z
  .object({
    /** The path as the peer shares it (backslashes and all), or a local file's path. */
    filename: z.string().min(1).max(4096),
    durationMs: durationMs.optional(),
    tags: z.object({ title: z.string().max(500), artist: z.string().max(500), album: z.string().max(500), trackNumber: z.number().int().positive() }).partial().strict().optional(),
  })
  .strict();
export type MatchFile = z.infer<typeof matchFile>;
export const artistSuggestion = z.object({
  artistId: z.string(),
  name: z.string(),
  /** A data: URL (proxied by the core: the renderer never talks to Spotify), or null when there is no image. */
  imageUrl: z.string().nullable(),
  /** Calibrated match percentage, or null when not known (a searched artist the file's tracks did not show). */
  percent: z.number().int().min(0).max(100).nullable(),
});
export type ArtistSuggestionDto = z.infer<typeof artistSuggestion>;
const chosenArtist = z.object({ id: z.string().min(1).max(64), name: z.string().trim().min(1).max(500) }).strict();
export const peerFile = z
  .object({ username: z.string().min(1).max(200), filename: z.string().min(1).max(4096), size: z.number().int().nonnegative(), durationMs: durationMs.optional() })
  .strict();
export type PeerFileDto = z.infer<typeof peerFile>;
// Playlists and their missing tracks (the dashboard modal, the review list and the progress bubble read these).
const matchRef = z.object({
  title: z.string(),
  artists: z.array(z.string()),
  album: z.string().nullable(),
  where: z.enum(['folder', 'plex', 'jellyfin', 'subsonic', 'catalog']),
});
export const playlistSummary = z.object({
  /** What missing.analyse takes: `spotify:playlist:ID` or an imported file's full path. */
  ref: z.string(),
  kind: z.enum(['spotify', 'csv', 'm3u']),
  name: z.string(),
  /** Tracks, when known (Spotify's count, or the entries of an analysed playlist). */
  tracks: z.number().int().nullable(),
  /** The catalog's id once analysed, else null. */
  playlistId: z.number().int().nullable(),
  account: z.string().nullable(),
});
export type PlaylistSummaryDto = z.infer<typeof playlistSummary>;
export const missingRun = z.object({
  runId: z.number().int(),
  playlistId: z.number().int(),
  ref: z.string(),
  name: z.string(),
  state: z.enum(['running', 'finished', 'cancelled', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  owned: z.number().int(),
  toDownload: z.number().int(),
  review: z.number().int(),
  library: z.object({ connector: libraryConnectorName, source: z.enum(['live', 'mirror', 'none']), mirrorAgeSeconds: z.number().nullable() }).nullable(),
  error: z.string().nullable(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type MissingRunDto = z.infer<typeof missingRun>;
export const missingEntry = z.object({
  key: z.string(),
  position: z.number().int(),
  title: z.string(),
  artists: z.array(z.string()),
  album: z.string().nullable(),
  status: z.enum(['owned', 'download', 'review']).nullable(),
  confidence: z.number().nullable(),
  match: matchRef.nullable(),
  decision: z.enum(['owned', 'not_owned']).nullable(),
  trackId: z.number().int().nullable(),
  /** What it waits for: the person's word on a library match, or their pick among Soulseek files (null: nothing). */
  awaiting: z.enum(['library', 'soulseek']).nullable(),
  /** "Ignore": neither downloaded nor retried, across re-analyses, until taken back. */
  ignored: z.boolean(),
});
export type MissingEntryDto = z.infer<typeof missingEntry>;
/** A dry run of the analysis (the modal, on opening a playlist not analysed yet): nothing is written. */
export const missingPreview = z.object({
  name: z.string(),
  total: z.number().int(),
  owned: z.number().int(),
  toDownload: z.number().int(),
  review: z.number().int(),
  library: missingRun.shape.library,
  tracks: z.array(z.object({
    title: z.string(),
    artists: z.array(z.string()),
    status: z.enum(['owned', 'download', 'review']),
    confidence: z.number().nullable(),
    match: matchRef.nullable(),
  })),
});
export type MissingPreviewDto = z.infer<typeof missingPreview>;
/** One peer's file a person may pick for a playlist track, with the matching engine's score and breakdown. */
export const reviewCandidate = z.object({
  username: z.string(),
  /** The full remote path (what a pick names). */
  filename: z.string(),
  /** File name and its folder, safe to show. */
  name: z.string(),
  folder: z.string(),
  size: z.number().int(),
  /** "FLAC 16/44.1", "MP3 320", ... */
  quality: z.string(),
  bitRate: z.number().nullable(),
  bitDepth: z.number().nullable(),
  sampleRate: z.number().nullable(),
  lengthSec: z.number().nullable(),
  /** 0 … 1 (the engine's 1 − distance). */
  score: z.number(),
  /** The engine's named penalties (title, artist, album, length, track_index, version): value 0 agrees … 1 differs. */
  breakdown: z.record(z.string(), z.object({ weight: z.number(), value: z.number(), detail: z.string().optional() })),
  peer: z.object({ hasFreeUploadSlot: z.boolean(), queueLength: z.number(), uploadSpeed: z.number() }),
});
export type ReviewCandidateDto = z.infer<typeof reviewCandidate>;
export const peerReview = z.object({
  key: z.string(),
  /** The person's "Search again" text, or null when the queue's own search found these. */
  query: z.string().nullable(),
  /** When the candidates were found (null: not searched yet). */
  searchedAt: z.number().nullable(),
  candidates: z.array(reviewCandidate),
});
export type PeerReviewDto = z.infer<typeof peerReview>;
/**
 * Where a playlist's latest run stands, entry by entry (one computation in the core: the modal's end-of-run
 * summary and the desktop notification both show it). `ended`: the analysis is over and none of its downloads
 * is queued or running.
 */
export const runSummary = z.object({
  total: z.number().int(),
  downloaded: z.number().int(),
  alreadyOwned: z.number().int(),
  failed: z.number().int(),
  /** Awaiting the person: a library match to confirm, or Soulseek files to pick from. */
  review: z.number().int(),
  /** The person said not to fetch them. */
  ignored: z.number().int(),
  /** Queued or downloading. */
  active: z.number().int(),
  /** To download but neither queued nor fetched (their downloads were cancelled). */
  notDownloaded: z.number().int(),
  /** Not checked against the library (yet). */
  unchecked: z.number().int(),
  ended: z.boolean(),
});
export type RunSummaryDto = z.infer<typeof runSummary>;
/** Where a playlist's tracks stand in the catalog (the download half of the dashboard modal). */
export const playlistDownloads = z.object({
  /** Entries in the catalog, by status; entries awaiting review (not in the catalog yet) are not counted. */
  /** `review`: waiting for a pick among Soulseek files; `ignored`: the person said so (neither counts elsewhere). */
  counts: z.object({
    tracks: z.number().int(), missing: z.number().int(), queued: z.number().int(), downloading: z.number().int(), downloaded: z.number().int(), failed: z.number().int(),
    review: z.number().int(), ignored: z.number().int(),
  }),
  entries: z.array(z.object({ key: z.string(), trackId: z.number().int(), status: trackStatus, error: z.string().nullable() })),
  /** The latest run's summary (null before the first analysis). */
  summary: runSummary.nullable(),
});
export type PlaylistDownloadsDto = z.infer<typeof playlistDownloads>;
const playlistRef = z.string().trim().min(1).max(4096);
const entryKey = z.string().min(1).max(300);

const empty = z.object({}).strict().optional();

/** Who may call a method: `user` (any valid token) or `admin` (the owner; Electron IPC is always the owner). */
export type Role = 'user' | 'admin';
export const roles = ['user', 'admin'] as const satisfies readonly Role[];

/** The shape every method entry has; `role` is required so a new method cannot forget to say who may call it. */
export interface MethodEntry {
  input: z.ZodType;
  output: z.ZodType;
  role: Role;
}

/** Every method: input schema, output schema, the role it needs. */
export const methods = {
  'app.info': { input: empty, output: appInfo, role: 'admin' },
  'catalog.status': { input: empty, output: catalogCounters, role: 'user' },
  'catalog.reconcile': { input: empty, output: reconcileReport, role: 'admin' },
  'catalog.import': { input: z.object({ folder: z.string().min(1) }), output: importReport, role: 'admin' },
  'queue.list': {
    input: z.object({
      view: queueView.default('all'),
      search: z.string().max(200).optional(),
      source: sourceId.optional(),
      limit: z.number().int().min(1).max(20_000).default(500),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({ items: z.array(queueRow), total: z.number().int() }),
    role: 'admin',
  },
  'queue.cancel': { input: idInput, output: queueRow.nullable(), role: 'admin' },
  'queue.retry': { input: idInput, output: queueRow.nullable(), role: 'admin' },
  'queue.setPriority': { input: idInput.extend({ priority }), output: queueRow.nullable(), role: 'admin' },
  'queue.clearFinished': { input: empty, output: z.object({ removed: z.number().int() }), role: 'admin' },
  'queue.pause': { input: empty, output: queueState, role: 'admin' },
  'queue.resume': { input: empty, output: queueState, role: 'admin' },
  'queue.state': { input: empty, output: queueState, role: 'user' },
  'queue.enqueueTrack': {
    input: z.object({ trackId: z.number().int().positive(), priority: priority.optional(), source: sourceId.optional() }),
    output: queueRow,
    role: 'admin',
  },
  'qobuz.status': { input: empty, output: qobuzStatus, role: 'admin' },
  'qobuz.signIn': { input: z.object({ token: z.string().trim().min(1).max(4096) }).strict(), output: qobuzStatus, role: 'admin' },
  'qobuz.signOut': { input: empty, output: qobuzStatus, role: 'admin' },
  'qobuz.setFolder': { input: z.object({ folder: z.string().min(1).max(4096) }).strict(), output: qobuzStatus, role: 'admin' },
  /** Dry run of a sync (to the given folder or the configured one). */
  'qobuz.preview': { input: qobuzFolderInput, output: qobuzPreview, role: 'admin' },
  /** Starts a sync in the background; watch job.progress (job 'qobuz.sync') and queue.rows. */
  'qobuz.sync.start': { input: qobuzFolderInput, output: qobuzStatus, role: 'admin' },
  'qobuz.sync.stop': { input: empty, output: qobuzStatus, role: 'admin' },
  'library.artists': {
    input: z.object({ search: searchText, sort: librarySort.default('name'), ...page }).strict(),
    output: z.object({ items: z.array(libraryArtist), total: z.number().int() }),
    role: 'admin',
  },
  'library.albums': {
    input: z.object({ artistId: z.number().int().positive().optional(), search: searchText, sort: librarySort.default('name'), ...page }).strict(),
    output: z.object({ items: z.array(libraryAlbum), total: z.number().int() }),
    role: 'admin',
  },
  /** An album and one page of its tracks in disc/track order (`total`: all its tracks in the catalog). */
  'library.album': {
    input: z.object({ id: z.number().int().positive(), offset: page.offset.optional(), limit: page.limit.optional() }).strict(),
    output: z.object({ album: libraryAlbum, tracks: z.array(libraryTrack), total: z.number().int() }),
    role: 'admin',
  },
  /** Tracks by title, artist or album text (or one artist's tracks outside any album). */
  'library.tracks': {
    input: z
      .object({
        search: searchText,
        artistId: z.number().int().positive().optional(),
        withoutAlbum: z.boolean().optional(),
        status: trackStatus.optional(),
        sort: trackSort.optional(),
        ...page,
      })
      .strict(),
    output: z.object({ items: z.array(libraryTrack), total: z.number().int() }),
    role: 'admin',
  },
  /** Shows a track's file in the system file manager (desktop hosts only; see app.info canReveal). */
  'library.reveal': { input: z.object({ trackId: z.number().int().positive() }).strict(), output: z.object({ path: z.string() }), role: 'admin' },
  /** Starts a Soulseek search (spends the search budget: one search POST at a time, results at completion). */
  'search.start': { input: z.object({ query: z.string().trim().min(2).max(200) }).strict(), output: z.object({ searchId: z.string() }), role: 'admin' },
  /** A search's state and, once complete, its ranked albums and singles (filtered); poll while `searching`. */
  'search.results': {
    input: z.object({ searchId: searchIdInput, filters: searchFilters.optional(), albumLimit: z.number().int().min(1).max(1000).default(300), singleLimit: z.number().int().min(1).max(5000).default(1000) }).strict(),
    output: searchResults,
    role: 'admin',
  },
  /** Queues exactly these files of one peer from a search's results (one request per file, pinned to it). */
  'search.download': {
    input: z.object({ searchId: searchIdInput, username: z.string().min(1).max(200), filenames: z.array(z.string().min(1).max(4096)).min(1).max(500) }).strict(),
    output: z.object({ rows: z.array(queueRow), alreadyQueued: z.number().int() }),
    role: 'admin',
  },
  // Settings: secrets go in, never out.
  'settings.get': { input: empty, output: settingsView, role: 'admin' },
  /** Saves to cassette.toml (secrets to the secret store) and rebuilds the sources in the running core. */
  'settings.save': { input: settingsPatch, output: settingsView, role: 'admin' },
  'settings.test': { input: connectionTestInput, output: connectionTest, role: 'admin' },
  /** Each download source: configured, reachable, what is wrong, how many requests wait for it. */
  'sources.state': { input: empty, output: z.array(sourceState), role: 'admin' },
  // Spotify accounts and backups (the Backups page, the Spotify section of Settings). Tokens never come out.
  'spotify.accounts': { input: empty, output: spotifyAccounts, role: 'admin' },
  /** Starts a browser sign-in and returns at once with the page to open; the outcome comes as spotify.signIn. */
  'spotify.signIn': { input: z.object({ account: accountName }).strict(), output: spotifySignInState, role: 'admin' },
  'spotify.signOut': { input: z.object({ account: accountName }).strict(), output: spotifyAccounts, role: 'admin' },
  /** Runs per backed-up user (newest first), the jobs running or last finished, consent warnings. */
  'backups.list': { input: empty, output: backupsOverview, role: 'admin' },
  /** Starts a backup of the account in the background (one per account at a time); watch backups.job. */
  'backups.run': { input: z.object({ account: accountName }).strict(), output: backupJob, role: 'admin' },
  /** Continues the account's newest paused run (or says there is none and starts a new one). */
  'backups.resume': { input: z.object({ account: accountName }).strict(), output: backupJob, role: 'admin' },
  'backups.files': { input: z.object({ run: runId }).strict(), output: backupFiles, role: 'admin' },
  'backups.diff': { input: z.object({ runA: runId, runB: runId }).strict(), output: runDiff, role: 'admin' },
  /** The dry run of a restore of `run` into `account`: nothing is written. */
  'restore.plan': { input: z.object({ run: runId, account: accountName }).strict(), output: restoreReport, role: 'admin' },
  /** Starts the restore in the background (one per target account at a time); watch backups.job. */
  'restore.start': { input: z.object({ run: runId, account: accountName }).strict(), output: backupJob, role: 'admin' },
  /** The artist modal's top half: the 5 artists the file most likely belongs to (one Spotify search). */
  'match.suggestArtists': { input: z.object({ file: matchFile }).strict(), output: z.array(artistSuggestion), role: 'admin' },
  /** The artist modal's search box: 5 artists by name, each with how well the file matches them (or null). */
  'match.searchArtists': {
    input: z.object({ query: z.string().trim().min(1).max(200), file: matchFile.optional() }).strict(),
    output: z.array(artistSuggestion),
    role: 'admin',
  },
  /** A Soulseek file downloaded, matched to the chosen artist, filed under Transfer and tagged from Spotify. */
  /** `artist: null` — the picker closed without a choice: a normal download that stays in the downloads folder. */
  'match.download': { input: z.object({ file: peerFile, artist: chosenArtist.nullable() }).strict(), output: queueRow, role: 'admin' },
  /** Every file of a folder, each matched within the chosen artist's catalogue first, then on its own. */
  'match.downloadAlbum': { input: z.object({ files: z.array(peerFile).min(1).max(500), artist: chosenArtist.nullable() }).strict(), output: z.array(queueRow), role: 'admin' },
  /** "Match & file": a finished download (or a file in the downloads folder) filed under Transfer, tagged. */
  'match.fileExisting': {
    input: z
      .object({ queueItemId: z.number().int().positive().optional(), path: z.string().min(1).max(4096).optional(), artist: chosenArtist })
      .strict()
      .refine((v) => (v.queueItemId === undefined) !== (v.path === undefined), { message: 'name either a finished download (queueItemId) or a file (path)' }),
    output: z.object({ path: z.string(), note: z.string().optional() }),
    role: 'admin',
  },
  /** The signed-in Spotify account's playlists (owned, collaborative, followed) and every analysed or imported one. */
  'playlists.list': { input: z.object({ account: z.string().min(1).max(100).optional() }).strict().optional(), output: z.array(playlistSummary), role: 'admin' },
  /** Starts analysing a playlist in the background; watch missing.progress. Resolves once the run is persisted. */
  'missing.analyse': {
    input: z.object({ playlist: playlistRef, library: libraryConnectorName.optional(), offline: z.enum(['mirror', 'all']).optional(), account: z.string().min(1).max(100).optional() }).strict(),
    output: missingRun,
    role: 'admin',
  },
  /** The analysis as a dry run: counters and each track's verdict, with nothing written (no run, no catalog, no queue). */
  'missing.preview': {
    input: z.object({ playlist: playlistRef, library: libraryConnectorName.optional(), offline: z.enum(['mirror', 'all']).optional(), account: z.string().min(1).max(100).optional() }).strict(),
    output: missingPreview,
    role: 'admin',
  },
  /** The latest run of each playlist (or of one), persisted: what the modal and the bubble show after a restart. */
  'missing.state': { input: z.object({ playlist: playlistRef.optional() }).strict().optional(), output: z.array(missingRun), role: 'admin' },
  'missing.cancel': { input: z.object({ runId: z.number().int().positive() }).strict(), output: missingRun, role: 'admin' },
  /** A playlist's entries with their verdicts: only those awaiting review unless `all`. */
  'missing.review': { input: z.object({ playlist: playlistRef, all: z.boolean().optional() }).strict(), output: z.array(missingEntry), role: 'admin' },
  /** The catalog status of each of a playlist's tracks, and the counts (downloaded, queued, failed, ...). */
  'missing.downloads': { input: z.object({ playlist: playlistRef }).strict(), output: playlistDownloads, role: 'admin' },
  /** Cancels the playlist's queued and running downloads (finished ones stay); how many were cancelled. */
  'missing.cancelDownloads': { input: z.object({ playlist: playlistRef }).strict(), output: z.object({ cancelled: z.number().int() }), role: 'admin' },
  /** "This is owned" / "not this one" for one entry (null takes it back); always wins over the score. */
  'missing.decide': {
    input: z.object({ playlist: playlistRef, key: z.string().min(1).max(300), decision: z.enum(['owned', 'not_owned']).nullable() }).strict(),
    output: missingEntry,
    role: 'admin',
  },
  /** The Soulseek files stored for an entry awaiting a pick, best first. */
  'missing.candidates': { input: z.object({ playlist: playlistRef, key: entryKey }).strict(), output: peerReview, role: 'admin' },
  /** Downloads exactly this candidate for the entry's track (pinned to that peer file; filed and tagged as usual). */
  'missing.pick': {
    input: z.object({ playlist: playlistRef, key: entryKey, username: z.string().min(1).max(200), filename: z.string().min(1).max(4096) }).strict(),
    output: queueRow,
    role: 'admin',
  },
  /** Searches Soulseek with the person's own words, ranked against the entry's track; replaces its candidates. */
  'missing.searchAgain': { input: z.object({ playlist: playlistRef, key: entryKey, query: z.string().trim().min(2).max(200) }).strict(), output: peerReview, role: 'admin' },
  /** "Ignore" an entry (neither downloaded nor retried, across re-analyses), or take it back with `ignored: false`. */
  'missing.ignore': { input: z.object({ playlist: playlistRef, key: entryKey, ignored: z.boolean() }).strict(), output: missingEntry, role: 'admin' },
} as const satisfies Record<string, MethodEntry>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.infer<Methods[M]['output']>;

/** Events the core pushes. Progress is coalesced (at most every ~150 ms per item, at once on a terminal state). */
export const events = {
  'catalog.status': catalogCounters,
  'sources.state': z.array(sourceState),
  'queue.rows': z.array(queueRow),
  'queue.state': queueState,
  'job.progress': z.object({
    job: z.string(),
    label: z.string(),
    done: z.number(),
    total: z.number(),
    finished: z.boolean(),
    /** The run's counts so far (the Qobuz sync sends them once it has planned; other jobs do not). */
    counts: qobuzSyncCounts.partial().optional(),
  }),
  /** A backup or restore job's progress (coalesced), and at once when it ends. */
  'backups.job': backupJob,
  'spotify.signIn': spotifySignInState,
  /** Per-track progress of a playlist analysis. */
  'missing.progress': missingRun.extend({
    track: z.object({ title: z.string(), artists: z.array(z.string()), status: z.enum(['owned', 'download', 'review']), confidence: z.number().nullable() }).nullable(),
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

/** Whether a caller with `caller`'s role may call a method that needs `needed` (admins may call everything). */
export function roleAllows(caller: Role, needed: Role): boolean {
  return caller === 'admin' || needed === 'user';
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
