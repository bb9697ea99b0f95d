// Public face of the Jellyfin emulator.
export { startJellyfinEmulator, type JellyfinEmulator, type JellyfinEmulatorOptions } from './startJellyfinEmulator';
