export { DownloadsPage } from './DownloadsPage';
export { queueCacheUpdaterFor } from './queueCacheUpdaterFor';
export { QUEUE_COUNT, QUEUE_LIST } from './queueCache';
