// Public face of the library domain: path planning, sanitising, atomic transfer, .part files, validation, tags.
export { sanitisePathComponent, EMPTY_COMPONENT, type SanitiseOptions } from './sanitise';
export {
  planQobuzTrackPath,
  planMatchedTrackPath,
  planShardedPath,
  titleWithVersion,
  isVariousArtists,
  trackNumberPrefix,
  organisedLayout,
  shardedLayout,
  type QobuzTrackLayoutInput,
  type MatchedTrackLayoutInput,
  type LayoutTrack,
  type LayoutStrategy,
} from './layout';
export { moveFileAtomic, TransferError, type TransferErrorCode, type TransferFs, type MoveOptions, type MoveResult } from './transfer';
export { checkFolder, MAX_FOLDER_LENGTH, type CheckFolderOptions, type CheckedFolder } from './checkFolder';
export { ensureDirectory, ensureDirectorySync, EnsureDirectoryError, MAX_DIRECTORY_DEPTH } from './ensureDirectory';
export { partPathFor, isPartFile, removeStalePartFiles, PART_SUFFIX, type StalePartOptions } from './partFile';
export {
  validateAudioFile,
  hasFfmpegTools,
  durationToleranceSec,
  type AudioInfo,
  type ValidateOptions,
  type ValidationEngine,
} from './validate';
export {
  writeTags,
  readTags,
  closeTagWorker,
  planTagWrite,
  tagFormatForExt,
  formatArtistCredit,
  externalIdTagName,
  tagTempPathFor,
  TagWriteError,
  TAG_KEYS,
  type TrackTags,
  type CoverArt,
  type TagFormat,
  type TagWritePlan,
  type TagField,
  type PlanOptions,
  type WriteTagsOptions,
} from './tags';
