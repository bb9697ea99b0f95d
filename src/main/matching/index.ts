// Public face of matching: normalising names, parsing titles, credits and peers' file names, scoring
// candidates with a breakdown, the calibrated suggestion percentage, remix credits, and the in-memory index.
// Every flow that asks "is this the same track?" (slskd ranking, Qobuz recognition, artist suggestions, the
// owned-check) calls this engine.
export { normalise, compactKey, foldCase, matchTokens } from './normalise';
export {
  parseTitle,
  parseArtistCredit,
  parseAlbum,
  classifyVersion,
  remixerIn,
  isHarmlessVersion,
  isDifferentRecording,
  type ParsedTitle,
  type ParsedAlbum,
  type ParsedArtistCredit,
  type TitleVersion,
  type VersionKind,
} from './parse';
export { parsePeerFilename, splitPeerPath, type ParsedFilename, type FilenameReading } from './filename';
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
export { matchTracks, matchFilename, fileReadings, matchFileReadings, type FileReadings, type MatchResult, type MatchBreakdown, type BreakdownEntry } from './match';
export {
  suggestionReadings,
  primaryReading,
  suggestionQuery,
  scoreCandidate,
  rankArtists,
  bestTrackForArtist,
  isConfident,
  type SuggestionFile,
  type CandidateTrack,
  type ArtistScore,
} from './artistSuggestions';
export { matchProbability, suggestionPercent, CALIBRATION_KNOTS } from './calibration';
export { creditRemix, type RemixCredit, type RemixCreditInput } from './creditRemix';
export { MatchIndex, MAX_CANDIDATES, type IndexHit, type SearchOptions } from './matchIndex';
