// The tracks a media server emulator (Plex, Jellyfin, Subsonic) serves: one plain description per track, which
// each emulator turns into its own wire shape. `generateLibrary` builds large libraries for benchmarks.

export interface LibraryTrackSpec {
  title: string;
  /** The album artist (Plex `grandparentTitle`, Jellyfin `AlbumArtist`). */
  artist: string;
  /** The track artist when it differs from the album artist (Plex `originalTitle`). */
  trackArtist?: string;
  album: string;
  trackNumber?: number;
  discNumber?: number;
  durationSec: number;
  /** Path on the server. */
  path?: string;
  size?: number;
  /** Seconds since the epoch; a change makes the track "updated". */
  updatedAt?: number;
}

export interface LibraryServerControl {
  /** Every request as "METHOD /path?query", in order (secrets redacted). */
  requests: string[];
  /** Requests refused for bad credentials. */
  unauthorized: number;
  /** Stops answering: connections are accepted and left hanging (a server that never answers). */
  hang(on: boolean): void;
  /** Closes the listening socket while keeping the URL: connections are refused. `online()` reopens it. */
  offline(): Promise<void>;
  online(): Promise<void>;
  close(): Promise<void>;
}

const WORDS = ['midnight', 'river', 'golden', 'echo', 'static', 'velvet', 'paper', 'northern', 'glass', 'ember', 'hollow',
  'silver', 'city', 'ocean', 'summer', 'neon', 'thunder', 'garden', 'winter', 'shadow', 'signal', 'canyon', 'violet',
  'harbor', 'lantern', 'meadow', 'orbit', 'prairie', 'quiet', 'rust', 'saffron', 'tundra', 'umber', 'willow', 'zephyr'];

/** A deterministic library of `count` tracks: ~10 per album, ~3 albums per artist, titles from a word list. */
export function generateLibrary(count: number, seed = 1): LibraryTrackSpec[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const word = () => WORDS[Math.floor(rand() * WORDS.length)]!;
  const out: LibraryTrackSpec[] = [];
  for (let i = 0; i < count; i++) {
    const albumNo = Math.floor(i / 10);
    const artistNo = Math.floor(albumNo / 3);
    const artist = `Artist ${artistNo} ${WORDS[artistNo % WORDS.length]}`;
    const album = `Album ${albumNo} ${WORDS[albumNo % WORDS.length]}`;
    out.push({
      title: `${word()} ${word()} ${i}`,
      artist,
      album,
      trackNumber: (i % 10) + 1,
      discNumber: 1,
      durationSec: 120 + Math.floor(rand() * 240),
      path: `/music/${artist}/${album}/${String((i % 10) + 1).padStart(2, '0')}.flac`,
      size: 20_000_000 + i,
      updatedAt: 1_700_000_000,
    });
  }
  return out;
}
