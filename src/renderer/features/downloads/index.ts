export { DownloadsPage } from './DownloadsPage';
export { queueCacheUpdaterFor } from './queueCacheUpdaterFor';
