// Public face of the slskd (Soulseek) source.
export {
  createSlskdSource, parseSlskdExternalRef, pinnedPeerFile, pinnedPeerFileRef, PeerFileSchema, SlskdSource, SlskdExternalRefSchema,
} from './slskdSource';
export type { PeerFile, SlskdExternalRef, SlskdSourceDeps } from './slskdSource';
export { parseSlskdConfig, SlskdConfigSchema, SearchBudgetSchema } from './config';
export type { SlskdConfig, SlskdConfigInput } from './config';
export { SlskdClient } from './client';
export type { SlskdClientOptions, SlskdSearchRequest } from './client';
export { SearchRunner, SearchGate, searchGateFor } from './searchRunner';
export type { SearchRunnerOptions } from './searchRunner';
export { DEFAULT_SEARCH_BUDGET, searchBudgetDelay } from './searchBudget';
export type { SearchBudget } from './searchBudget';
export { candidateKey, candidatesFromResponses, rankCandidates } from './rank';
export type { CandidateForScoring, RankedCandidate, RankOptions, RejectedCandidate, ScoreMatch, SlskdCandidate } from './rank';
export {
  classifyQuality, ladderRank, DEFAULT_MIN_QUALITY, DEFAULT_QUALITY_LADDER, MIN_QUALITY_CHOICES, MinQualityChoiceSchema, QUALITY_TIERS, QualityTierSchema, qualityLabel, qualityPolicy,
} from './quality';
export type { MinQualityChoice, QualityTier } from './quality';
export { parseRemotePath, localDownloadPath, planLocalDownloadPath, unsafeSegment, UnsafeRemotePathError } from './remotePath';
export type { ParsedRemotePath, LocalDownloadPath } from './remotePath';
export { CloseCalls, REVIEW_FLOOR, REVIEW_CANDIDATES_KEPT } from './reviewCandidates';
export { searchQueries, searchStrategies } from './searchQueries';
export type { SearchStrategy, SearchStrategyName } from './searchQueries';
export { parseTransferState } from './transferState';
export type { TransferOutcome, TransferStateInfo } from './transferState';
export type {
  SlskdApplication,
  SlskdSearch,
  SlskdSearchFile,
  SlskdSearchResponse,
  SlskdTransfer,
} from './schemas';
