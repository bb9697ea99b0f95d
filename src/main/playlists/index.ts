// Public face of playlists: parsing Exportify CSVs and M3U/M3U8 files, reading a Spotify playlist through the
// provider, and the playlists kept in the catalog database (entries, verdicts, decisions, analysis runs).
export { entryKey, uniqueKeys, type PlaylistEntry, type LoadedPlaylist } from './playlistEntry';
export { parseExportifyCsv, parseCsvRows, splitArtists, EXPORTIFY_HEADER } from './parseExportifyCsv';
export { parseM3u, type ParsedM3u } from './parseM3u';
export { readPlaylistFile } from './readPlaylistFile';
export { loadSpotifyPlaylist, spotifyPlaylistId } from './loadSpotifyPlaylist';
export { loadSpotifyLikes, LIKED_SONGS_NAME, LIKED_SONGS_REF } from './loadSpotifyLikes';
export { PlaylistStore, type StoredEntry, type PlaylistRow, type RunRow, type RunState, type EntryStatus, type Decision, type MatchRef } from './playlistStore';
export { PeerReviewStore, ReviewCandidateSchema, type PeerReview } from './peerReviewStore';
