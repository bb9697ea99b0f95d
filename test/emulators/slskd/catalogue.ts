// The emulated Soulseek network: peers, what they share, and how each shared file behaves when downloaded.
// Builders keep test fixtures short: peer('alice').file('Music\\A\\B\\01 - A - T.flac', flac(4)).build().

export interface AudioSpec {
  format: 'mp3' | 'flac' | 'ogg' | 'm4a';
  seconds: number;
  bitrateKbps?: number;
  bitDepth?: 16 | 24;
  sampleRate?: number;
  frequencyHz?: number;
}

/** What happens when someone downloads a file. */
export type TransferBehaviour =
  | { kind: 'succeed' }
  /** The peer refuses: `Completed, Rejected` with a reason such as "File not shared.". */
  | { kind: 'reject'; reason?: string }
  /** The connection breaks at `atPercent`: `Completed, Errored`. */
  | { kind: 'error'; atPercent?: number; message?: string }
  /** The peer never connects back: `Completed, TimedOut`. */
  | { kind: 'timeout' }
  /** Progress stops at `atPercent`; the transfer stays `InProgress` forever. */
  | { kind: 'stall'; atPercent: number }
  /** Reports `Completed, Succeeded` but only `keepPercent` of the bytes reach the disk. */
  | { kind: 'truncate'; keepPercent: number }
  /** The peer advertises the file's declared spec but sends `actual` (e.g. FLAC bytes in a .mp3, or a shorter track). */
  | { kind: 'mislabel'; actual: AudioSpec };

/** Search-result attributes a peer may announce differently from the real audio. */
export interface Advertised {
  bitRate?: number;
  bitDepth?: number;
  sampleRate?: number;
  length?: number;
  isVariableBitRate?: boolean;
}

export interface SharedFile {
  /** Remote path with backslashes, e.g. `@@music\\Artist\\Album\\01 - Title.flac`. */
  path: string;
  /** What the file claims to be (and, unless mislabelled, what it is). */
  audio: AudioSpec;
  behaviour: TransferBehaviour;
  /** Listed under `lockedFiles`; downloads are rejected. */
  locked: boolean;
  advertise: Advertised;
}

export interface PeerSpec {
  username: string;
  hasFreeUploadSlot: boolean;
  queueLength: number;
  /** Bytes per second, as announced in search responses. */
  uploadSpeed: number;
  /** How long a download waits in `Queued, Remotely` before it starts. */
  queueMs: number;
  /** Actual delivery speed; defaults to the emulator-wide transfer speed. */
  transferBytesPerSec?: number;
  files: SharedFile[];
}

export interface FileOptions {
  behaviour?: TransferBehaviour;
  locked?: boolean;
  advertise?: Advertised;
}

export class PeerBuilder {
  private readonly spec: PeerSpec;

  constructor(username: string, options: Partial<Omit<PeerSpec, 'username' | 'files'>> = {}) {
    this.spec = {
      username,
      hasFreeUploadSlot: options.hasFreeUploadSlot ?? true,
      queueLength: options.queueLength ?? 0,
      uploadSpeed: options.uploadSpeed ?? 1_000_000,
      queueMs: options.queueMs ?? 0,
      transferBytesPerSec: options.transferBytesPerSec,
      files: [],
    };
  }

  file(path: string, audio: AudioSpec, options: FileOptions = {}): this {
    this.spec.files.push({
      path,
      audio,
      behaviour: options.behaviour ?? { kind: 'succeed' },
      locked: options.locked ?? false,
      advertise: options.advertise ?? {},
    });
    return this;
  }

  locked(path: string, audio: AudioSpec): this {
    return this.file(path, audio, { locked: true });
  }

  build(): PeerSpec {
    return { ...this.spec, files: this.spec.files.map((f) => ({ ...f })) };
  }
}

export const peer = (username: string, options?: Partial<Omit<PeerSpec, 'username' | 'files'>>): PeerBuilder =>
  new PeerBuilder(username, options);

export const flac = (seconds: number, bitDepth: 16 | 24 = 16, sampleRate?: number): AudioSpec => ({
  format: 'flac',
  seconds,
  bitDepth,
  sampleRate,
});
export const mp3 = (seconds: number, bitrateKbps = 320): AudioSpec => ({ format: 'mp3', seconds, bitrateKbps });

export const behave = {
  succeed: (): TransferBehaviour => ({ kind: 'succeed' }),
  reject: (reason?: string): TransferBehaviour => ({ kind: 'reject', reason }),
  error: (atPercent = 30, message?: string): TransferBehaviour => ({ kind: 'error', atPercent, message }),
  timeout: (): TransferBehaviour => ({ kind: 'timeout' }),
  stall: (atPercent: number): TransferBehaviour => ({ kind: 'stall', atPercent }),
  truncate: (keepPercent: number): TransferBehaviour => ({ kind: 'truncate', keepPercent }),
  mislabel: (actual: AudioSpec): TransferBehaviour => ({ kind: 'mislabel', actual }),
};

/** The audio actually delivered for a file (differs from the declared spec only when mislabelled). */
export function deliveredAudio(file: SharedFile): AudioSpec {
  return file.behaviour.kind === 'mislabel' ? file.behaviour.actual : file.audio;
}

/** Last two backslash segments: where slskd puts the file under its downloads directory. */
export function localRelativePath(remotePath: string): { folder: string; name: string } {
  const parts = remotePath.split(/[\\/]/).filter((p) => p.length > 0);
  const name = parts[parts.length - 1] ?? remotePath;
  const folder = parts.length >= 2 ? (parts[parts.length - 2] ?? '') : '';
  return { folder, name };
}

/** The remote directory of a file, as slskd groups transfers (`Filename.DirectoryName()`). */
export function remoteDirectory(remotePath: string): string {
  const i = remotePath.lastIndexOf('\\');
  return i < 0 ? '' : remotePath.slice(0, i);
}
