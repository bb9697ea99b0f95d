// What a library connector reports and what the mirror keeps: one normalised track per file the library has.

export const CONNECTORS = ['folder', 'plex', 'jellyfin', 'subsonic'] as const;
export type ConnectorName = (typeof CONNECTORS)[number];

export interface MirrorTrack {
  /** Stable across refreshes: the file's path (Plex ratingKeys change on a refresh, paths do not). */
  extKey: string;
  title: string;
  /** Credited artists as the library has them, main first. */
  artists: string[];
  album?: string;
  trackNumber?: number;
  discNumber?: number;
  durationSec?: number;
  path?: string;
  sizeBytes?: number;
  /** Changes whenever anything above changes (or the file does); equal fingerprints are not rewritten. */
  fingerprint: string;
}

/** A file the folder connector knows is untouched since the last scan (same size and mtime): not re-read. */
export interface UnchangedTrack {
  extKey: string;
  unchanged: true;
}

export type MirrorEntry = MirrorTrack | UnchangedTrack;

export interface ListOptions {
  /** The fingerprint the mirror holds for a key, so a connector can skip re-reading what has not changed. */
  known(extKey: string): string | undefined;
  signal?: AbortSignal;
}

export interface LibraryConnector {
  readonly name: ConnectorName;
  /** Where the library is (a folder or the server's URL), for messages. */
  readonly origin: string;
  /** Every track, a page at a time. Throws `LibraryUnreachableError` when the server cannot be reached. */
  list(options: ListOptions): AsyncIterable<MirrorEntry[]>;
}

export function fingerprintOf(t: Omit<MirrorTrack, 'fingerprint' | 'extKey'>, extra = ''): string {
  return [t.title, t.artists.join('\u0001'), t.album ?? '', t.trackNumber ?? '', t.discNumber ?? '', t.durationSec ?? '', t.path ?? '', t.sizeBytes ?? '', extra].join('\u0000');
}
