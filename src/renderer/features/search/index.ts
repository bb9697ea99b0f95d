// Public face of the Search page: the page, and the slot Matched Download registers into.
export { SearchPage } from './SearchPage';
export { fileKey, useSearchPage } from './searchPageStore';
export { useMatchedDownloadSlot, type MatchedDownloadHandler, type MatchedDownloadRequest } from './matchedDownloadSlot';
