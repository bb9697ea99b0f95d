// A world for matched downloads, shared by the integration tests, the benchmark and the browser tests: Spotify
// knows Daft Punk's "Discovery" (12 tracks, also a single and a compilation of the same name as one track), a
// single-only track, Nina Vale, a remix credited to its remixer and a look-alike artist; Soulseek peers share the
// album folder, loose files, a remix and a folder of favourites by several artists (one nobody knows).
import { SearchRunner, SlskdClient, type SlskdSearchResponse } from '../../src/main/sources';
import { flac, mp3, peer, type PeerBuilder } from '../emulators/slskd';
import { SpotifyWorld, type EmuAlbum, type EmuArtistProfile } from '../emulators/spotify';

export const DISCOVERY = [
  'One More Time', 'Aerodynamic', 'Digital Love', 'Harder, Better, Faster, Stronger', 'Crescendolls', 'Nightvision',
  'Superheroes', 'High Life', 'Something About Us', 'Voyager', 'Veridis Quo', 'Short Circuit',
] as const;

/** Seconds of audio of every emulated file (and so of every Spotify track here). */
export const SECONDS = 3;

export interface MatchedWorld {
  world: SpotifyWorld;
  daft: EmuArtistProfile;
  nina: EmuArtistProfile;
  remixer: EmuArtistProfile;
  original: EmuArtistProfile;
  tribute: EmuArtistProfile;
  discovery: EmuAlbum;
  robotRock: EmuAlbum;
}

export function matchedSpotifyWorld(): MatchedWorld {
  const world = new SpotifyWorld();
  world.addUser({ id: 'alice', displayName: 'Alice' });
  const daft = world.addArtist({ name: 'Daft Punk', image: 0, genres: ['french house'] });
  const nina = world.addArtist({ name: 'Nina Vale', image: 1 });
  const remixer = world.addArtist({ name: 'Artist A', image: 2 });
  const original = world.addArtist({ name: 'Artist B' });
  const tribute = world.addArtist({ name: 'Daft Punk Tribute Band' });
  const ms = SECONDS * 1000;
  const discovery = world.addAlbum({
    name: 'Discovery', artists: [daft], releaseDate: '2001-03-07', image: 0,
    tracks: DISCOVERY.map((name, i) => ({ name, durationMs: ms, isrc: `GBDUW01000${String(i + 1).padStart(2, '0')}` })),
  });
  // The same recording as a single, and on someone else's compilation: the album wins.
  world.addAlbum({ name: 'One More Time', type: 'single', artists: [daft], releaseDate: '2000-11-13', image: 2, tracks: [{ name: 'One More Time', durationMs: ms, isrc: 'GBDUW0100001' }] });
  world.addAlbum({ name: 'Dance Hits 2001', type: 'compilation', artists: [{ id: 'v'.padEnd(22, '0'), name: 'Various Artists' }], tracks: [{ name: 'One More Time', artists: [daft], durationMs: ms, isrc: 'GBDUW0100001' }] });
  const robotRock = world.addAlbum({ name: 'Robot Rock', type: 'single', artists: [daft], releaseDate: '2005-02-28', image: 1, tracks: [{ name: 'Robot Rock', durationMs: ms, isrc: 'GBDUW0500001' }] });
  world.addAlbum({ name: 'Tidewater', artists: [nina], releaseDate: '2019-04-05', image: 1, tracks: [{ name: 'Harbour Lights', durationMs: ms, isrc: 'GBTDW1900001' }, { name: 'Undertow', durationMs: ms, isrc: 'GBTDW1900002' }, { name: 'Low Tide', durationMs: ms, isrc: 'GBTDW1900003' }] });
  world.addAlbum({ name: 'Song (Remixes)', type: 'single', artists: [original], releaseDate: '2022-06-01', image: 2, tracks: [{ name: 'Song - Artist A Remix', artists: [original, remixer], durationMs: ms, isrc: 'USRMX2200001' }] });
  world.addAlbum({ name: 'Covers', artists: [tribute], tracks: [{ name: 'One More Time', durationMs: 200_000 }] });
  // Others who recorded "Low Tide" (covers name the original artist): the modal has five artists to show,
  // some without an image, one with a very long name.
  const coverArtists = [
    world.addArtist({ name: 'The Harbour Choir', image: 2 }),
    world.addArtist({ name: 'Lighthouse Keepers' }),
    world.addArtist({ name: 'An Orchestra With A Really Quite Remarkably Long Name Indeed (Live Ensemble)', image: 0 }),
    world.addArtist({ name: 'Piano Covers Collective' }),
  ];
  coverArtists.forEach((a, i) =>
    world.addAlbum({ name: `Covers Vol. ${i + 1}`, artists: [a], tracks: [{ name: 'Low Tide (Nina Vale Cover)', durationMs: ms + i * 20_000 }] }),
  );
  return { world, daft, nina, remixer, original, tribute, discovery, robotRock };
}

export const ALBUM_FOLDER = '@@music\\Daft Punk\\Discovery (2001) [MP3 320]';
export const FAVOURITES = '@@music\\Favourites';

export function matchedPeers(): PeerBuilder[] {
  const alice = peer('alice');
  DISCOVERY.forEach((name, i) => alice.file(`${ALBUM_FOLDER}\\${String(i + 1).padStart(2, '0')} - ${name}.mp3`, mp3(SECONDS)));
  alice
    .file('@@music\\singles\\Daft Punk - Robot Rock.flac', flac(SECONDS))
    .file('@@music\\singles\\Daft Punk - One More Time.mp3', mp3(SECONDS))
    .file('@@music\\remixes\\Artist B - Song (Artist A Remix).mp3', mp3(SECONDS))
    .file('@@music\\singles\\Daft Punk - Never Recorded This.mp3', mp3(SECONDS))
    .file('@@music\\singles\\Nina Vale - Undertow.mp3', mp3(SECONDS))
    .file('@@music\\singles\\Nina Vale - Low Tide.mp3', mp3(SECONDS))
    .file(`${FAVOURITES}\\Daft Punk - Aerodynamic.mp3`, mp3(SECONDS))
    .file(`${FAVOURITES}\\Nina Vale - Harbour Lights.mp3`, mp3(SECONDS))
    .file(`${FAVOURITES}\\Quiet Person - Mystery Tune.mp3`, mp3(SECONDS));
  return [alice];
}

export interface FoundFile {
  username: string;
  filename: string;
  size: number;
  durationMs?: number;
}

/** Files a Soulseek search finds, as the Search page would hand them over (path, size, length). */
export async function findPeerFiles(baseUrl: string, apiKey: string, query: string): Promise<FoundFile[]> {
  const runner = new SearchRunner(new SlskdClient({ baseUrl, apiKey, http: { retries: 1, backoffLimitMs: 50 } }), {
    searchTimeoutMs: 50, pollMs: 20, budget: { maxSearches: 100, windowMs: 1_000, minGapMs: 0 },
  });
  const responses: SlskdSearchResponse[] = await runner.search(query);
  return responses.flatMap((r) =>
    r.files.map((f) => ({ username: r.username, filename: f.filename, size: f.size, ...(f.length ? { durationMs: f.length * 1000 } : {}) })),
  );
}
