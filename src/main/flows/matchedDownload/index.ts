// Public face of the Matched Download use case: artist suggestions for the modal, matched downloads (single files
// and folders) through the queue, "Match & file" for files already downloaded, and the filing steps.
export { MatchedDownloads, OWN_MATCH_MIN_PROBABILITY, type MatchedDownloadsOptions, type PeerFile, type StageReporter, type MatchedStage, MATCHED_STAGE_DETAIL } from './matchedDownloads';
export { ArtistSuggester, SUGGESTION_COUNT, type ArtistSuggestion } from './artistSuggester';
export { resolveTrack, resolveInAlbum, findArtistAlbum, folderAlbumOf, matchedMetadataSchema, type MatchedMetadata, type MetadataOutcome, type ChosenArtist } from './matchedMetadata';
export { fileMatched, matchedTags, matchedTargetPath, COVER_FILE, type FiledFile, type FilingStage } from './fileMatched';
