// Public face of the slskd emulator.
export { startSlskdEmulator } from './startSlskdEmulator';
export type { SlskdEmulator, SlskdEmulatorCounters, SlskdEmulatorOptions } from './startSlskdEmulator';
export { behave, flac, mp3, peer, PeerBuilder } from './catalogue';
export type { Advertised, AudioSpec, FileOptions, PeerSpec, SharedFile, TransferBehaviour } from './catalogue';
export type { SearchRecord } from './searchEngine';
export type { TransferRecord } from './transferEngine';
