// The metadata Cassette writes into audio files, independent of tag format.

export interface CoverArt {
  data: Buffer;
  /** image/jpeg or image/png. */
  mime: string;
}

export interface TrackTags {
  title: string;
  /** Every credited artist, one per entry ("AC/DC" is one artist). */
  artists: string[];
  /** Display credit, e.g. "Daft Punk feat. Pharrell Williams"; defaults to the artists joined. */
  artistCredit?: string;
  albumArtist?: string;
  album?: string;
  trackNumber?: number;
  trackTotal?: number;
  discNumber?: number;
  discTotal?: number;
  /** YYYY or YYYY-MM-DD. */
  date?: string;
  genre?: string;
  isrc?: string;
  /** Who remixed this recording (ID3 TPE4, Vorbis/MP4 REMIXER). */
  remixer?: string;
  label?: string;
  copyright?: string;
  cover?: CoverArt;
  /**
   * Service ids written as TXXX:<NAME> / Vorbis <NAME>. Keys are tag names (QOBUZ_TRACK_ID, QOBUZ_ALBUM_ID,
   * SPOTIFY_TRACK_ID) or bare service names (qobuz → QOBUZ_TRACK_ID).
   */
  externalIds?: Record<string, string>;
}
