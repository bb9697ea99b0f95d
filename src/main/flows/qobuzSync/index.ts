// Public face of the Qobuz purchase sync: the service the core wires in (and the CLI drives), config and
// credentials, the pure planning pieces, and the shapes a sync reports.
export { QobuzService, QOBUZ_SETTINGS_FILE, SYNC_JOB } from './qobuzService';
export type { QobuzStatus, QobuzRunStatus, QobuzLastSync, QobuzServiceOptions, QobuzServiceDeps, QobuzSession, SyncRequest } from './qobuzService';
export { loadQobuzConfig, qogetConfigPath, ENV_KEYS } from './config';
export type { QobuzSettings, LoadedQobuzConfig, LoadQobuzConfigOptions, SettingOrigin } from './config';
export {
  QOBUZ_TOKEN_SECRET,
  resolveCredentials,
  signInQobuz,
  createQobuzClient,
  credentialLabel,
  describeQobuzUser,
  toAppError,
} from './credentials';
export type { QobuzCredentials, CredentialSource } from './credentials';
export { planSync, albumDisplayTitle, isInside } from './plan';
export type { SyncAlbum, SyncTrack, SyncArtist, AlbumWithTracks, SingleTrack, PlanEntry, SyncPlan } from './plan';
export { decideTrack } from './decide';
export type { Decision, DownloadReason } from './decide';
export { probeAudioFile, probeFitsEntry, TagIndex } from './recognise';
export type { AudioProbe, RecogniseHow } from './recognise';
export { qobuzTrackTags } from './qobuzTrackTags';
export { runQobuzSync, previewQobuzSync } from './runSync';
export type { SyncRuntime, RunSyncOptions, SyncProgress, SyncCounts } from './runSync';
export { summaryLines, describeReason, describeHow, isDiskFullMessage } from './summary';
export type {
  SyncSummary,
  SyncPreview,
  SyncEvent,
  SyncPhase,
  SyncStop,
  TrackRef,
  PlannedDownload,
  DownloadedTrack,
  FailedTrack,
} from './summary';
export { acquireFolderLock, FOLDER_LOCK_FILE, type FolderLock } from './folderLock';
