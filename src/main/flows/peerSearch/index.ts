// Public face of the Soulseek search flow (the Search page): searches through the slskd source's runner, results
// grouped into albums and singles and ranked by the matching engine, filters, and Download pinned to a peer file.
export { PeerSearches, NOT_CONFIGURED_MESSAGE, searchFailure } from './peerSearches';
export type { PeerSearchSource, PeerSearchesOptions } from './peerSearches';
export { rankSearchResults, SearchRanker, albumSummary, compareAlbums, compareSingles, SCORE_BAND, ALBUM_MIN_FILES } from './searchResults';
export type { RankedAlbum, RankedFile, RankedResults, RankedSingle, SearchFormat } from './searchResults';
export { filterResults, passesFilters, meetsMinimum } from './searchFilters';
export type { SearchFilters } from './searchFilters';
export { prepareQuery, fileQueryScore, folderQueryScore } from './queryMatch';
export type { PreparedQuery } from './queryMatch';
export { peerFileInfo, displayText } from './peerFileInfo';
export type { PeerFileInfo } from './peerFileInfo';
export { enqueuePeerFiles, peerFilesFromResults } from './enqueuePeerFiles';
export type { EnqueuedPeerFiles, EnqueuePeerFilesDeps } from './enqueuePeerFiles';
