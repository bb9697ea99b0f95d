// Public face of matching: normalising names, parsing titles and credits, and scoring candidates.
export { normalise, compactKey, foldCase } from './normalise';
export {
  parseTitle,
  parseArtistCredit,
  classifyVersion,
  isHarmlessVersion,
  isDifferentRecording,
  type ParsedTitle,
  type ParsedArtistCredit,
  type TitleVersion,
  type VersionKind,
} from './parse';
export { stringDistance, basicDistance } from './stringDistance';
export {
  trackDistance,
  similarity,
  ownedConfidence,
  MATCH_WEIGHTS,
  LENGTH_GRACE_SEC,
  LENGTH_MAX_SEC,
  MATCH_THRESHOLD,
  REVIEW_THRESHOLD,
  OWNED_THRESHOLD,
  type MatchTrack,
  type Penalty,
  type PenaltyName,
  type MatchVerdict,
  type TrackDistance,
} from './score';
