// Public face of the Subsonic (Navidrome) emulator.
export { startSubsonicEmulator, type SubsonicEmulator, type SubsonicEmulatorOptions } from './startSubsonicEmulator';
