// Public face of the missing-tracks flow: the owned-check and the playlist analysis that feeds the queue.
export { OwnedIndex, OTHER_RECORDING_SEC, type MirrorCandidates, type LibraryCandidate, type Verdict, type Where, type OwnedEntry } from './ownedIndex';
export { buildOwnedIndex, type OwnedIndexSource } from './buildOwnedIndex';
export {
  MissingTracks, type AnalyseOptions, type AnalyseProgress, type AnalysisReport, type LibraryReport, type MissingTracksDeps, type OfflineMode, type TrackReport,
} from './missingTracks';
export { SoulseekReview, type AwaitingReview, type ReviewSearchSource, type SoulseekReviewDeps } from './soulseekReview';
export { summariseRun, describeSummary, type RunSummary, type SummaryEntry } from './runSummary';
export { KeepLikesSchedule, likesDue, type KeepLikesScheduleDeps, type LikesSetting, type LatestLikesRun } from './keepLikesSchedule';
