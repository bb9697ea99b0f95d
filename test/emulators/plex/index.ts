// Public face of the Plex emulator.
export { startPlexEmulator, type PlexEmulator, type PlexEmulatorOptions, type PlexSectionSpec } from './startPlexEmulator';
export { generateLibrary, type LibraryTrackSpec } from '../libraryTracks';
