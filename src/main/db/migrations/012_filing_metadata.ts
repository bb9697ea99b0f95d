// Frozen: never edit a shipped migration; add a new numbered one instead.
// What filing a playlist track "as Matched Download does" needs and the catalog did not keep:
// - albums.album_type: Spotify's kind of release (album, single — EPs included — or compilation), when known. A
//   track of a single or a compilation is filed as its own single (Artist/Artist - Title/Title.ext).
// - tracks.artist_credits: every credited artist, main first, as a JSON array of names (the track's artist_id is
//   the main one only), so tags carry all of them.
// - playlist_tracks.metadata: the rest of what the playlist says of an entry (album artists, release date, cover,
//   track and disc number, album id, type and track count) as JSON, so the catalog track it becomes — at the
//   analysis, or later at a decision — is filed and tagged from it.
export const migration012 = `
ALTER TABLE albums ADD COLUMN album_type TEXT CHECK (album_type IN ('album','single','compilation'));
ALTER TABLE tracks ADD COLUMN artist_credits TEXT;
ALTER TABLE playlist_tracks ADD COLUMN metadata TEXT;
`;
