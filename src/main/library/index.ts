// Public face of the library domain: path planning, sanitising, atomic transfer, .part files, validation, tags.
export { sanitisePathComponent, EMPTY_COMPONENT, type SanitiseOptions } from './sanitise';
export {
  planQobuzTrackPath,
  planMatchedTrackPath,
  filedAsSingle,
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
export { partPathFor, parsePartFile, isPartFile, isPartOf, partWriterToken, ownPartWriter, localWorkerOfPartWriter, PART_SUFFIX, type ParsedPartFile } from './partFile';
export { sweepPartFiles, type SweepPartFilesOptions } from './sweepPartFiles';
export { checkFolder, MAX_FOLDER_LENGTH, type CheckFolderOptions, type CheckedFolder } from './checkFolder';
export { ensureDirectory, ensureDirectorySync, EnsureDirectoryError, MAX_DIRECTORY_DEPTH } from './ensureDirectory';
export {
  validateAudioFile,
  hasFfmpegTools,
  durationToleranceSec,
  type AudioInfo,
  type ValidateOptions,
  type ValidationEngine,
} from './validate';
export { CoverArtCache, sniffImageMime, type CoverArtCacheOptions } from './coverArtCache';
export { DownloadTagger, type DownloadTaggerOptions } from './downloadTagger';
export { COVER_FILE, writeCoverFile } from './coverFile';
export { FilingJournal, type FilingEntry, type FilingStep } from './filingJournal';
export {
  writeTags,
  readTags,
  readAudioMetadata,
  wantedTrackTags,
  closeTagWorker,
  planTagWrite,
  tagFormatForExt,
  formatArtistCredit,
  externalIdTagName,
  tagTempPathFor,
  TagWriteError,
  TAG_KEYS,
  ID3_VERSIONS,
  DEFAULT_ID3_VERSION,
  type Id3Version,
  type TrackTags,
  type CoverArt,
  type TagFormat,
  type TagWritePlan,
  type TagField,
  type PlanOptions,
  type WriteTagsOptions,
} from './tags';
export { AlbumArt, type AlbumArtOptions, type AlbumCoverImage } from './albumArt';
