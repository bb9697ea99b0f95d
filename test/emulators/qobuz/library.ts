// The emulator's catalogue: purchased albums and tracks as plain metadata (audio is made lazily elsewhere),
// a builder for tests, a standard library of awkward cases, and a cheap synthetic library for benchmarks.

/** How track/getFileUrl treats a track. */
export type QobuzTrackAvailability =
  /** download/5 and stream/5 give MP3 320, format 6+ gives FLAC. */
  | 'mp3'
  /** download intent refused (a 30 s sample is offered instead); stream/5 gives the full MP3. */
  | 'stream_mp3_only'
  /** No MP3 at all (format 5 answers with a restriction and no URL); format 6 gives FLAC. */
  | 'flac_only'
  /** Every request gets a flagged 30 s sample (sample:true). */
  | 'preview_only'
  /** Every request gets a 30 s file with no sample flag: only its duration gives it away. */
  | 'preview_unflagged'
  /**
   * Like 'mp3', in the sparse shape real answers take: `bit_depth` and `sampling_rate` null on format 5, left
   * out on format 6, no `mime_type`, a restriction entry without a code.
   */
  | 'mp3_sparse'
  /** Refused everywhere: no `url`, no `format_id`, only `restrictions` (TrackRestrictedByRightHolders). */
  | 'rights_restricted'
  /** Refused everywhere with codes Cassette has no special wording for (TrackRestrictedByGeography, SomethingNew). */
  | 'restricted_other';

export interface EmuArtist {
  id: number;
  name: string;
}

export interface EmuTrack {
  id: number;
  title: string;
  version: string | null;
  durationSec: number;
  trackNumber: number;
  discNumber: number;
  performer: EmuArtist;
  composer: EmuArtist;
  isrc: string;
  albumId: string;
  availability: QobuzTrackAvailability;
  streamable: boolean;
}

export interface EmuAlbum {
  id: string;
  qobuzId: number;
  title: string;
  version: string | null;
  artist: EmuArtist;
  genre: string;
  label: string;
  upc: string;
  releaseDate: string;
  trackIds: number[];
}

export interface QobuzLibrary {
  albums: Map<string, EmuAlbum>;
  tracks: Map<number, EmuTrack>;
  /** Purchase order (oldest first) of bought albums. */
  purchasedAlbumIds: string[];
  /** Purchase order of tracks bought on their own. */
  purchasedTrackIds: number[];
  album(id: string): EmuAlbum | undefined;
  track(id: number): EmuTrack | undefined;
  albumByTitle(title: string): EmuAlbum;
  trackByTitle(title: string): EmuTrack;
  tracksOf(albumId: string): EmuTrack[];
}

export interface TrackSpec {
  id?: number;
  title: string;
  version?: string | null;
  durationSec?: number;
  /** Track artist; defaults to the album artist. */
  performer?: string;
  isrc?: string;
  availability?: QobuzTrackAvailability;
  streamable?: boolean;
}

export interface AlbumSpec {
  id?: string;
  title: string;
  version?: string | null;
  artist: string;
  genre?: string;
  label?: string;
  releaseDate?: string;
  /** Single-disc track list... */
  tracks?: TrackSpec[];
  /** ...or one list per disc. */
  discs?: TrackSpec[][];
  /** Defaults to true; false makes a catalogue album whose tracks can be bought alone. */
  purchased?: boolean;
}

export interface StandaloneTrackSpec extends TrackSpec {
  /** The album the track belongs to (not bought itself). */
  album: { title: string; artist: string; version?: string | null; id?: string };
}

export interface SyntheticSpec {
  albums: number;
  tracksPerAlbum: number;
  /** Tracks bought on their own, taken from extra (unbought) albums. */
  standaloneTracks?: number;
  durationSec?: number;
  /** Every n-th album has two discs (0 = never). */
  multiDiscEvery?: number;
}

const DEFAULT_DURATION = 35;

export class QobuzLibraryBuilder {
  private readonly albums = new Map<string, EmuAlbum>();
  private readonly tracks = new Map<number, EmuTrack>();
  private readonly purchasedAlbumIds: string[] = [];
  private readonly purchasedTrackIds: number[] = [];
  private readonly artists = new Map<string, EmuArtist>();
  private nextTrackId = 100_000_001;
  private nextAlbumSerial = 1;
  private nextArtistId = 5_000;

  /** A bought album (or an unbought catalogue album with `purchased: false`). */
  album(spec: AlbumSpec): this {
    this.addAlbum(spec);
    return this;
  }

  /** A track bought on its own; its album exists in the catalogue but is not bought. */
  track(spec: StandaloneTrackSpec): this {
    const existing = spec.album.id ? this.albums.get(spec.album.id) : undefined;
    const album = existing ?? this.addAlbum({ ...spec.album, purchased: false, tracks: [] });
    const t = this.addTrack(album, spec, album.trackIds.length + 1, 1);
    this.purchasedTrackIds.push(t.id);
    return this;
  }

  /** Marks a track of an already added album as also bought alone (the client must keep the album copy). */
  alsoBoughtAlone(trackTitle: string): this {
    const t = [...this.tracks.values()].find((x) => x.title === trackTitle);
    if (!t) throw new Error(`no track titled ${trackTitle}`);
    this.purchasedTrackIds.push(t.id);
    return this;
  }

  /** Many generated albums, metadata only: cheap enough for 1,000 albums / 12,000 tracks. */
  synthetic(s: SyntheticSpec): this {
    for (let a = 0; a < s.albums; a++) {
      const multi = s.multiDiscEvery && a % s.multiDiscEvery === 0;
      const mk = (n: number, from: number): TrackSpec[] =>
        Array.from({ length: n }, (_, i) => ({ title: `Song ${from + i + 1} of Album ${a + 1}`, durationSec: s.durationSec ?? 180 }));
      const artist = `Synthetic Artist ${(a % 97) + 1}`;
      if (multi) {
        const first = Math.ceil(s.tracksPerAlbum / 2);
        this.addAlbum({ title: `Album ${a + 1}`, artist, discs: [mk(first, 0), mk(s.tracksPerAlbum - first, first)] });
      } else {
        this.addAlbum({ title: `Album ${a + 1}`, artist, tracks: mk(s.tracksPerAlbum, 0) });
      }
    }
    for (let i = 0; i < (s.standaloneTracks ?? 0); i++) {
      this.track({
        title: `Single ${i + 1}`,
        durationSec: s.durationSec ?? 180,
        album: { title: `Singles Collection ${Math.floor(i / 10) + 1}`, artist: `Synthetic Artist ${(i % 97) + 1}` },
      });
    }
    return this;
  }

  build(): QobuzLibrary {
    const albums = new Map(this.albums);
    const tracks = new Map(this.tracks);
    return {
      albums,
      tracks,
      purchasedAlbumIds: [...this.purchasedAlbumIds],
      purchasedTrackIds: [...this.purchasedTrackIds],
      album: (id) => albums.get(id),
      track: (id) => tracks.get(id),
      albumByTitle(title) {
        const a = [...albums.values()].find((x) => x.title === title);
        if (!a) throw new Error(`no album titled ${title}`);
        return a;
      },
      trackByTitle(title) {
        const t = [...tracks.values()].find((x) => x.title === title);
        if (!t) throw new Error(`no track titled ${title}`);
        return t;
      },
      tracksOf(albumId) {
        return (albums.get(albumId)?.trackIds ?? []).map((id) => tracks.get(id)).filter((t): t is EmuTrack => !!t);
      },
    };
  }

  private artist(name: string): EmuArtist {
    let a = this.artists.get(name);
    if (!a) {
      a = { id: this.nextArtistId++, name };
      this.artists.set(name, a);
    }
    return a;
  }

  private addAlbum(spec: AlbumSpec): EmuAlbum {
    const serial = this.nextAlbumSerial++;
    const upc = String(3_700_000_000_000 + serial).padStart(13, '0');
    const album: EmuAlbum = {
      id: spec.id ?? upc,
      qobuzId: 20_000_000 + serial,
      title: spec.title,
      version: spec.version ?? null,
      artist: this.artist(spec.artist),
      genre: spec.genre ?? 'Rock',
      label: spec.label ?? 'Emulated Records',
      upc,
      releaseDate: spec.releaseDate ?? `20${String(10 + (serial % 15)).padStart(2, '0')}-0${(serial % 9) + 1}-1${serial % 9}`,
      trackIds: [],
    };
    if (this.albums.has(album.id)) throw new Error(`duplicate album id ${album.id}`);
    this.albums.set(album.id, album);
    const discs = spec.discs ?? [spec.tracks ?? []];
    discs.forEach((list, d) => list.forEach((t, i) => this.addTrack(album, t, i + 1, d + 1)));
    if (spec.purchased !== false) this.purchasedAlbumIds.push(album.id);
    return album;
  }

  private addTrack(album: EmuAlbum, spec: TrackSpec, trackNumber: number, discNumber: number): EmuTrack {
    const id = spec.id ?? this.nextTrackId++;
    const t: EmuTrack = {
      id,
      title: spec.title,
      version: spec.version ?? null,
      durationSec: spec.durationSec ?? DEFAULT_DURATION,
      trackNumber,
      discNumber,
      performer: spec.performer ? this.artist(spec.performer) : album.artist,
      composer: this.artist(`${spec.performer ?? album.artist.name} (composer)`),
      isrc: spec.isrc ?? `FRX20${String(id % 10_000_000).padStart(7, '0')}`,
      albumId: album.id,
      availability: spec.availability ?? 'mp3',
      streamable: spec.streamable ?? true,
    };
    if (this.tracks.has(id)) throw new Error(`duplicate track id ${id}`);
    this.tracks.set(id, t);
    album.trackIds.push(id);
    return t;
  }
}

export function qobuzLibrary(): QobuzLibraryBuilder {
  return new QobuzLibraryBuilder();
}

/**
 * The awkward cases a purchase sync meets, with short tracks (31-40 s) so audio is quick to make:
 * multi-disc, various-artists compilation, "(Live)" versions, names that need sanitising, standalone track
 * purchases, a track bought both alone and in a bought album, and each getFileUrl availability.
 */
export function standardQobuzLibrary(): QobuzLibrary {
  return qobuzLibrary()
    .album({
      title: 'Back in Black',
      artist: 'AC/DC',
      tracks: [
        { title: 'Hells Bells', durationSec: 36 },
        { title: 'Shoot to Thrill', durationSec: 34, streamable: false },
      ],
    })
    .album({
      title: 'Tides',
      artist: 'Kestrel Moon',
      discs: [
        [{ title: 'Ebb', durationSec: 31 }, { title: 'Flow', durationSec: 32 }],
        [{ title: 'Undertow', durationSec: 33 }, { title: 'Slack Water', durationSec: 34 }],
      ],
    })
    .album({
      title: 'Summer Hits 2024',
      artist: 'Various Artists',
      tracks: [
        { title: 'Sunburn', performer: 'Alma Vey', durationSec: 33 },
        { title: 'Salt', performer: 'The Dunes feat. Rio', durationSec: 35 },
      ],
    })
    .album({
      title: 'Hometown',
      version: 'Live',
      artist: 'Kestrel Moon',
      tracks: [
        { title: 'Ebb', version: 'Live', durationSec: 38 },
        { title: 'Encore (Live)', version: 'Live', durationSec: 37 },
      ],
    })
    .album({
      title: 'Con: "Test?"',
      artist: 'Question <Mark>',
      tracks: [
        { title: 'What*If|Not', durationSec: 40, availability: 'stream_mp3_only' },
        { title: 'Lossless Only', durationSec: 39, availability: 'flac_only' },
      ],
    })
    .album({
      title: 'Etc...',
      artist: 'Dots.',
      tracks: [{ title: 'The End.', durationSec: 35 }],
    })
    .track({ title: 'Lone Single', durationSec: 33, album: { title: 'Singles Vol. 1', artist: 'Alma Vey' } })
    .track({ title: 'Teaser', durationSec: 120, availability: 'preview_only', album: { title: 'Teasers', artist: 'Alma Vey' } })
    .track({ title: 'Sneaky Teaser', durationSec: 120, availability: 'preview_unflagged', album: { title: 'Teasers 2', artist: 'Alma Vey' } })
    .alsoBoughtAlone('Hells Bells')
    .build();
}
