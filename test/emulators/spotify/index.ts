// Public face of the Spotify emulator (accounts service + Web API).
export { startSpotifyEmulator } from './startSpotifyEmulator';
export type { SpotifyEmulator, SpotifyEmulatorOptions } from './startSpotifyEmulator';
export { SpotifyWorld, localUri, refUri, snapshotId } from './world';
export type { EmuAlbum, EmuAlbumTrackInput, EmuAlbumType, EmuArtist, EmuArtistProfile, EmuEntryRef, EmuEpisode, EmuLocalFile, EmuPlaylist, EmuPlaylistEntry, EmuTrack, EmuUser } from './world';
export type { SpotifyFaultKind, SpotifyFaultSpec } from './faults';
export { pkceChallenge } from './pkce';
export { EMU_JPEGS } from './images';
