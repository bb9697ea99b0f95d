// Public face of the Spotify provider.
export { SpotifyProvider, CLIENT_ID_HELP, CONSENT_LIFETIME_MS, CONSENT_WARNING_MS, type SpotifyProviderOptions, type SignInOptions } from './spotifyProvider';
export { SpotifyApi, SPOTIFY_LIMITS } from './spotifyApi';
export { SpotifyError, type SpotifyErrorCode } from './spotifyError';
export { DEFAULT_ACCOUNT, isValidAccountName, type AccountSummary } from './accountStore';
export { SPOTIFY_SCOPES, SIGN_IN_TIMEOUT_MS } from './signIn';
export { SpotifyLookupCache, LOOKUP_TTL_MS, type LookupKind } from './lookupCache';
export type { PlaylistEntry, SpotifyAlbum, SpotifyAlbumTrack, SpotifyArtist, SpotifyEpisode, SpotifyMe, SpotifyPlaylist, SpotifySimplifiedAlbum, SpotifyTrack } from './schemas';
