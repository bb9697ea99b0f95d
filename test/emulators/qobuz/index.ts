// Public face of the Qobuz emulator.
export { startQobuzEmulator } from './qobuzEmulator';
export type { QobuzEmulator, QobuzEmulatorOptions, Bandwidth, EmuRequest } from './qobuzEmulator';
export { qobuzLibrary, standardQobuzLibrary, QobuzLibraryBuilder } from './library';
export type {
  QobuzLibrary,
  EmuAlbum,
  EmuTrack,
  EmuArtist,
  AlbumSpec,
  TrackSpec,
  StandaloneTrackSpec,
  SyntheticSpec,
  QobuzTrackAvailability,
} from './library';
export type { QobuzFaultSpec, QobuzFaultKind, QobuzFaultTarget } from './faults';
export type { EmuUser } from './wire';
