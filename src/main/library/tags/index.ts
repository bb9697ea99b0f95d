// Tags: one adapter over node-taglib-sharp (writeTags, in a worker thread) and music-metadata (readTags).
export type { TrackTags, CoverArt } from './trackTags';
export {
  planTagWrite,
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
export { wantedTrackTags } from './wantedTrackTags';
export { closeTagWorker } from './tagWorkerClient';
