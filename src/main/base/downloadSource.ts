// The one interface every download source implements (Qobuz, slskd, ticket service, ...), and what the catalog
// hands it. A source fetches bytes; the queue processor owns validation policy, the final move, tagging and the catalog.
import type { SourceId } from './sourceId';

/** What the catalog knows of the wanted track. */
export interface TrackWanted {
  trackId: number;
  title: string;
  artist: string;
  album?: string;
  albumArtist?: string;
  /** Tracks on the album, when known. */
  albumTrackCount?: number;
  trackNumber?: number;
  discNumber?: number;
  durationSec?: number;
  isrc?: string;
  /** Ids per service, e.g. { qobuz: '123', spotify: 'abc' }. */
  externalIds: Record<string, string>;
  // What the queue writes into the file's tags besides the above (sources may ignore it).
  /** Version of the recording ("Live", "2011 Remaster"). */
  version?: string;
  /** Tracks on this track's disc, when the catalog knows every track of the album. */
  discTrackCount?: number;
  /** Discs of the album, when known. */
  albumDiscCount?: number;
  /** YYYY or YYYY-MM-DD. */
  releaseDate?: string;
  genre?: string;
  label?: string;
  /** The album's cover image, when known. */
  coverUrl?: string;
  /** Album ids per service, e.g. { qobuz: '0886443927087', spotify: '…' }. */
  albumExternalIds?: Record<string, string>;
  /** Every credited artist, main first, when the catalog knows them (`artist` is the main one). */
  artists?: string[];
  /** The kind of release the album is, when known: a single's or a compilation's track is filed as a single. */
  albumType?: AlbumType;
}

export type AlbumType = 'album' | 'single' | 'compilation';

export interface AudioClaim {
  /** Lower-case extension without the dot: mp3, flac, m4a, ogg, opus. */
  ext: string;
  /** Bytes the source announced; validated when present. */
  expectedSize?: number;
  /** Expected duration (s) of the track; validated within tolerance when present. */
  durationSec?: number;
  bitrateKbps?: number;
}

export interface FetchProgress {
  bytesDownloaded: number;
  bytesTotal?: number;
  /** Free text shown in the queue row, e.g. "peer alice, queued #3" or "ticket acquiring". */
  detail?: string;
}

export interface FetchContext {
  signal: AbortSignal;
  /** A `.part` path in the destination folder a source may stream into. */
  partPath: string;
  onProgress(p: FetchProgress): void;
  /** External reference from a previous attempt (slskd transfer id, ticket id), for resume after a crash. */
  externalRef?: string;
  /** Persist the external reference now (transfer GUID, ticket id) so a crash can resume or cancel it. */
  setExternalRef(ref: string): void;
  /** Checks the fetched file against the claim; throws DownloadError('corruption') when it does not hold. */
  validate(path: string, claim: AudioClaim): Promise<void>;
  /** Never-again list of bad (peer, file) or other candidate keys for this source. */
  isQuarantined(key: string): boolean;
  quarantine(key: string, reason: string): void;
  /**
   * Close but not confident candidates for a person to pick from (a playlist track's review list). True when
   * someone reviews this track and the candidates were kept: the source then fails with `needs_review`; false
   * (or absent) when nobody does, and the track is simply not found.
   */
  offerForReview?(candidates: readonly ReviewCandidate[]): boolean;
}

/** One peer's file a person may pick for a track, with the matching engine's score and its breakdown. */
export interface ReviewCandidate {
  username: string;
  /** The full remote path, as the peer shares it. */
  filename: string;
  size: number;
  lengthSec?: number;
  bitRate?: number;
  bitDepth?: number;
  sampleRate?: number;
  isVariableBitRate?: boolean;
  /** "FLAC 16/44.1", "MP3 320", ... */
  quality: string;
  /** 0 … 1, the engine's 1 − distance. */
  score: number;
  /** The engine's named penalties (title, artist, album, length, track_index, version): 0 agrees … 1 differs. */
  breakdown: Partial<Record<string, { weight: number; value: number; detail?: string }>>;
  peer: { hasFreeUploadSlot: boolean; queueLength: number; uploadSpeed: number };
}

export interface FetchedFile {
  /** Where the validated file is now: the partPath, or a file elsewhere (e.g. slskd's downloads dir) to be moved. */
  path: string;
  ext: string;
  sizeBytes: number;
  /** Human description of what was fetched, e.g. "FLAC 16/44.1 from alice". */
  description: string;
  /**
   * Set when the file had to be transcoded or was a lower quality than asked. The queue's finalize step may add
   * to it (e.g. a file filed without tags); the queue records it with the completion.
   */
  note?: string;
}

export interface DownloadSource {
  readonly id: SourceId;
  /**
   * True when a later attempt continues from the bytes already in `partPath` (Range resume). Otherwise a pause or
   * shutdown removes the part file at once: nothing would use it, and no partial file should stay behind.
   */
  readonly resumesPartFiles?: boolean;
  fetch(track: TrackWanted, ctx: FetchContext): Promise<FetchedFile>;
  /** Stops a transfer at the source side (slskd DELETE, ticket cancel). Must not throw for unknown refs. */
  cancel?(externalRef: string): Promise<void>;
  /**
   * What of an external reference survives a transfer the queue gave up on (a stall): by default nothing; a
   * request pinned to one peer file keeps the pin, so its retry asks for the same file.
   */
  refAfterAbandon?(externalRef: string): string | null;
}
