// Public face of the metadata providers: Spotify, and the library index (folder, Plex, Jellyfin, Subsonic).
export * from './spotify';
export * from './libraryIndex';
