export { PlaylistsPage } from './PlaylistsPage';
export { PlaylistRunsHost } from './PlaylistRunsHost';
export { applyMissingProgress, applyQueueRowsToPlaylists } from './playlistsQueries';
