// Public face of the metadata providers (Spotify today; Plex, Jellyfin, Subsonic and folders later).
export * from './spotify';
