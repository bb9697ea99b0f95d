// Tags: one adapter over node-taglib-sharp (writeTags, in a worker thread) and music-metadata (readTags).
export type { TrackTags, CoverArt } from './trackTags';
export {
  planTagWrite,
  id3v23DateFrames,
  ID3_VERSIONS,
  DEFAULT_ID3_VERSION,
  ID3V23_SEPARATOR,
  type Id3Version,
  tagFormatForExt,
  formatArtistCredit,
  externalIdTagName,
  TAG_KEYS,
  type TagFormat,
  type TagWritePlan,
  type TagField,
  type PlanOptions,
} from './tagPlan';
export { writeTags, tagTempPathFor, TagWriteError, type WriteTagsOptions } from './writeTags';
export { readTags } from './readTags';
export { readAudioMetadata, withId3v23Read, rejoinSplitNames, id3v23Date } from './readAudioMetadata';
export { wantedTrackTags } from './wantedTrackTags';
export { closeTagWorker } from './tagWorkerClient';
