// The emulated Spotify account state: users, the track/episode catalogue, likes and playlists. Write endpoints
// change it for real, so tests assert what a restore left behind by reading it back.

export interface EmuArtist {
  id: string;
  name: string;
}

export interface EmuTrack {
  id: string;
  name: string;
  artists: EmuArtist[];
  album: { id: string; name: string };
  durationMs: number;
  isrc?: string;
  /** Still listed where it was added, but not playable (greyed out): `is_playable:false`, no markets. */
  unavailable?: boolean;
  /** The id no longer resolves: GET /tracks/{id} is 404 and writes naming it are refused. */
  removed?: boolean;
  /** Position on its album (set by addAlbum; 1 otherwise). */
  trackNumber?: number;
  discNumber?: number;
}

/** An artist's catalogue page: the image and genres `GET /artists/{id}` shows (2026: genres usually empty). */
export interface EmuArtistProfile {
  id: string;
  name: string;
  genres: string[];
  /** Index into the emulator's JPEGs; undefined: the artist has no image. */
  image?: number;
}

export type EmuAlbumType = 'album' | 'single' | 'compilation';

export interface EmuAlbum {
  id: string;
  name: string;
  type: EmuAlbumType;
  /** Album artists, main first (a compilation: "Various Artists"). */
  artists: EmuArtist[];
  releaseDate: string;
  /** Track ids in disc/track order. */
  trackIds: string[];
  image?: number;
}

export interface EmuAlbumTrackInput {
  name: string;
  durationMs?: number;
  isrc?: string;
  /** Track artists; default: the album's. */
  artists?: EmuArtist[];
  discNumber?: number;
  id?: string;
}

export interface EmuEpisode {
  id: string;
  name: string;
  show: string;
  durationMs: number;
}

export interface EmuLocalFile {
  name: string;
  artist: string;
  album: string;
  durationMs: number;
}

export type EmuEntryRef =
  | { kind: 'track'; id: string }
  | { kind: 'episode'; id: string }
  | { kind: 'local'; file: EmuLocalFile }
  | { kind: 'null' };

export interface EmuPlaylistEntry {
  addedAt: string;
  addedBy: string;
  ref: EmuEntryRef;
}

export interface EmuPlaylist {
  id: string;
  ownerId: string;
  name: string;
  description: string;
  public: boolean;
  collaborative: boolean;
  collaborators: Set<string>;
  snapshotSeq: number;
  entries: EmuPlaylistEntry[];
  /** Cover bytes (JPEG in reality; any bytes here), served from the emulator's image host. */
  cover?: Buffer;
}

export interface EmuUser {
  id: string;
  displayName: string;
  product: 'premium' | 'free';
  /** On the app's allow-list (Development Mode): if not, every Web API call is 403. */
  registered: boolean;
  /** Newest first, as GET /me/tracks lists them. */
  likes: { trackId: string; addedAt: string }[];
  /** Playlists in the user's library (owned and followed), newest first, as GET /me/playlists lists them. */
  library: string[];
}

export class SpotifyWorld {
  readonly users = new Map<string, EmuUser>();
  readonly tracks = new Map<string, EmuTrack>();
  readonly episodes = new Map<string, EmuEpisode>();
  readonly playlists = new Map<string, EmuPlaylist>();
  readonly artists = new Map<string, EmuArtistProfile>();
  readonly albums = new Map<string, EmuAlbum>();
  private seq = 0;
  /** Logical clock for added_at of writes: strictly increasing. */
  private clockMs = Date.parse('2026-06-01T00:00:00Z');

  nextId(prefix: string): string {
    this.seq++;
    // Spotify ids are 22 base62 characters.
    return `${prefix}${this.seq.toString(36).padStart(22 - prefix.length, '0')}`;
  }

  tick(): string {
    this.clockMs += 1000;
    return new Date(this.clockMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  addUser(u: Partial<EmuUser> & { id: string }): EmuUser {
    const user: EmuUser = { displayName: u.id, product: 'premium', registered: true, likes: [], library: [], ...u };
    this.users.set(user.id, user);
    return user;
  }

  addTrack(t: Partial<EmuTrack> & { name: string }): EmuTrack {
    const id = t.id ?? this.nextId('t');
    const track: EmuTrack = {
      id,
      artists: [{ id: 'a'.padEnd(22, '1'), name: 'Some Artist' }],
      album: { id: 'b'.padEnd(22, '1'), name: 'Some Album' },
      durationMs: 200_000,
      ...t,
    };
    this.tracks.set(id, track);
    return track;
  }

  /** An artist with a profile (image, genres); tracks refer to it by id. */
  addArtist(a: Partial<EmuArtistProfile> & { name: string }): EmuArtistProfile {
    const artist: EmuArtistProfile = { id: a.id ?? this.nextId('r'), genres: [], ...a };
    this.artists.set(artist.id, artist);
    return artist;
  }

  /** An album with its tracks (numbered in order per disc); the tracks join the catalogue and search. */
  addAlbum(a: { name: string; type?: EmuAlbumType; artists: EmuArtist[]; releaseDate?: string; image?: number; id?: string; tracks: EmuAlbumTrackInput[] }): EmuAlbum {
    const album: EmuAlbum = {
      id: a.id ?? this.nextId('b'),
      name: a.name,
      type: a.type ?? 'album',
      artists: a.artists,
      releaseDate: a.releaseDate ?? '2020-01-01',
      trackIds: [],
      ...(a.image !== undefined ? { image: a.image } : {}),
    };
    const perDisc = new Map<number, number>();
    for (const t of a.tracks) {
      const disc = t.discNumber ?? 1;
      const n = (perDisc.get(disc) ?? 0) + 1;
      perDisc.set(disc, n);
      const track = this.addTrack({
        name: t.name,
        artists: t.artists ?? a.artists,
        album: { id: album.id, name: album.name },
        durationMs: t.durationMs ?? 200_000,
        trackNumber: n,
        discNumber: disc,
        ...(t.isrc ? { isrc: t.isrc } : {}),
        ...(t.id ? { id: t.id } : {}),
      });
      album.trackIds.push(track.id);
    }
    this.albums.set(album.id, album);
    return album;
  }

  addEpisode(e: Partial<EmuEpisode> & { name: string }): EmuEpisode {
    const ep: EmuEpisode = { id: e.id ?? this.nextId('e'), show: 'Some Show', durationMs: 1_800_000, ...e };
    this.episodes.set(ep.id, ep);
    return ep;
  }

  /** Likes given oldest first; stored newest first like the API lists them. */
  like(userId: string, trackIds: string[]): void {
    const user = this.user(userId);
    const liked = new Set(user.likes.map((l) => l.trackId));
    const fresh: { trackId: string; addedAt: string }[] = [];
    for (const trackId of trackIds) {
      if (liked.has(trackId)) continue;
      liked.add(trackId);
      fresh.unshift({ trackId, addedAt: this.tick() });
    }
    user.likes.unshift(...fresh);
  }

  addPlaylist(p: Partial<Omit<EmuPlaylist, 'collaborators'>> & { ownerId: string; name: string; collaborators?: string[] }): EmuPlaylist {
    const playlist: EmuPlaylist = {
      id: p.id ?? this.nextId('p'),
      description: '',
      public: !p.collaborative,
      collaborative: false,
      snapshotSeq: 1,
      entries: [],
      ...p,
      collaborators: new Set(p.collaborators ?? []),
    };
    this.playlists.set(playlist.id, playlist);
    this.user(playlist.ownerId).library.unshift(playlist.id);
    for (const c of playlist.collaborators) this.follow(c, playlist.id);
    return playlist;
  }

  append(playlistId: string, refs: EmuEntryRef[], addedBy?: string): void {
    const p = this.playlist(playlistId);
    for (const ref of refs) p.entries.push({ addedAt: this.tick(), addedBy: addedBy ?? p.ownerId, ref });
    p.snapshotSeq++;
  }

  follow(userId: string, playlistId: string): void {
    const user = this.user(userId);
    if (!user.library.includes(playlistId)) user.library.unshift(playlistId);
  }

  user(id: string): EmuUser {
    const u = this.users.get(id);
    if (!u) throw new Error(`no emulated user ${id}`);
    return u;
  }

  playlist(id: string): EmuPlaylist {
    const p = this.playlists.get(id);
    if (!p) throw new Error(`no emulated playlist ${id}`);
    return p;
  }

  /** Playlists the user owns, by name (what a restore into this account created). */
  ownedPlaylists(userId: string): EmuPlaylist[] {
    return this.user(userId).library.map((id) => this.playlist(id)).filter((p) => p.ownerId === userId);
  }

  /** Entry refs as URIs (local files as `spotify:local:…`, null entries as null), for assertions. */
  uris(playlistId: string): (string | null)[] {
    return this.playlist(playlistId).entries.map((e) => refUri(e.ref));
  }
}

export function snapshotId(p: EmuPlaylist): string {
  return Buffer.from(`${p.id}:${p.snapshotSeq}`).toString('base64');
}

export function refUri(ref: EmuEntryRef): string | null {
  switch (ref.kind) {
    case 'track':
      return `spotify:track:${ref.id}`;
    case 'episode':
      return `spotify:episode:${ref.id}`;
    case 'local':
      return localUri(ref.file);
    case 'null':
      return null;
  }
}

export function localUri(f: EmuLocalFile): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `spotify:local:${enc(f.artist)}:${enc(f.album)}:${enc(f.name)}:${Math.round(f.durationMs / 1000)}`;
}
