export { CatalogStore, nameKey, type TrackRow, type TrackStatus, type TrackInput, type AlbumInput, type ArtistInput } from './catalogStore';
export { reconcileCatalog, applyFileObservations, statSize, type StatSize, type ReconcileReport, type FileObservation } from './reconcile';
export { catalogStatus, type CatalogCounters } from './catalogStatus';
export { importFolder, listAudioFiles, AUDIO_EXTENSIONS, type ImportReport, type ImportProgress } from './importFolder';
export { LibraryQueries, type LibrarySort } from './libraryQueries';
export { SyncCatalog, type QobuzTagRow, type CatalogQobuzTrack, type SyncArtist, type SyncAlbum, type SyncTrack, type AlbumWithTracks, type PurchaseEntry } from './syncCatalog';
export { ownedCatalogTracks, upsertPlaylistTrack, setOwnedElsewhere, type OwnedCatalogTrack, type PlaylistTrackInput } from './ownedElsewhere';
