// What a matched file is filed and tagged as, gathered from Spotify for the chosen artist: the track, whether it
// is on an album by that artist (an album — not a single, nor a compilation, of the same name), its place on it
// (track and disc numbers and totals), album name, date, cover, credits (remixes credited to the remixer), genres
// and ISRC. Every lookup goes through SpotifyApi's cache, so an album is read once however many tracks need it.
import { z } from 'zod';
import { bestTrackForArtist, creditRemix, isConfident, parsePeerFilename, scoreCandidate, suggestionReadings, compactKey, parseAlbum, type CandidateTrack, type SuggestionFile } from '../../matching';
import type { SpotifyAlbum, SpotifyAlbumTrack, SpotifyApi, SpotifySimplifiedAlbum, SpotifyTrack } from '../../providers';
import { candidateOf } from './artistSuggester';

export const matchedMetadataSchema = z.object({
  spotifyTrackId: z.string(),
  spotifyArtistId: z.string(),
  spotifyAlbumId: z.string().optional(),
  /** The folder's artist: the chosen artist (for a remix, the remixer). */
  artist: z.string(),
  title: z.string(),
  /** Main artist first, then the contributing artists. */
  artists: z.array(z.string()),
  contributingArtists: z.array(z.string()),
  remixer: z.string().optional(),
  /** Set only for a track on an album by the artist; a single has no album folder. */
  album: z.string().optional(),
  /** The single's or album's name, as tags carry it. */
  release: z.string(),
  albumArtist: z.string(),
  trackNumber: z.number().int().positive(),
  trackTotal: z.number().int().positive(),
  discNumber: z.number().int().positive(),
  discTotal: z.number().int().positive(),
  date: z.string().optional(),
  genre: z.string().optional(),
  isrc: z.string().optional(),
  coverUrl: z.string().optional(),
  durationMs: z.number().optional(),
  /** The engine's calibrated probability that the file is this track. */
  probability: z.number(),
});
export type MatchedMetadata = z.infer<typeof matchedMetadataSchema>;

export type MetadataOutcome = { kind: 'matched'; metadata: MatchedMetadata } | { kind: 'no_match'; reason: string };

export interface ChosenArtist {
  id: string;
  name: string;
}

function largestImage(album: { images?: Array<{ url: string; width?: number | null }> | null }): string | undefined {
  const images = [...(album.images ?? [])].sort((a, b) => (b.width ?? 0) - (a.width ?? 0));
  return images[0]?.url;
}

function releaseDate(album: { release_date?: string | null; release_date_precision?: string | null }): string | undefined {
  const d = album.release_date ?? undefined;
  if (!d) return undefined;
  return album.release_date_precision === 'year' ? d.slice(0, 4) : d;
}

const isByArtist = (album: { artists?: Array<{ id?: string | null }> }, artistId: string) => (album.artists ?? []).some((a) => a.id === artistId);

/** An album in the narrow sense: the artist's own long-player, not a single/EP or a compilation. */
function isArtistAlbum(album: SpotifySimplifiedAlbum | SpotifyAlbum | undefined, artistId: string): boolean {
  return Boolean(album && album.album_type === 'album' && isByArtist(album, artistId));
}

function sameRecording(a: SpotifyTrack | SpotifyAlbumTrack, b: SpotifyTrack | SpotifyAlbumTrack): boolean {
  const ia = a.external_ids?.isrc;
  const ib = b.external_ids?.isrc;
  if (ia && ib) return ia.toUpperCase() === ib.toUpperCase();
  return compactKey(a.name) === compactKey(b.name) && Math.abs(a.duration_ms - b.duration_ms) <= 3000;
}

/** Metadata for `track` as it sits on `album` (whole, every track), with the credits of a remix. */
function describe(track: SpotifyTrack | SpotifyAlbumTrack, album: SpotifyAlbum | undefined, fallbackAlbum: SpotifySimplifiedAlbum | undefined, artist: ChosenArtist, probability: number, isrc: string | undefined): MatchedMetadata {
  const credit = creditRemix({ title: track.name, artists: track.artists.map((a) => a.name) });
  const onAlbum = album && isArtistAlbum(album, artist.id) ? album : undefined;
  const disc = track.disc_number ?? 1;
  const discTracks = album ? album.tracks.filter((t) => (t.disc_number ?? 1) === disc).length : undefined;
  const discs = album ? Math.max(1, ...album.tracks.map((t) => t.disc_number ?? 1)) : 1;
  const release = album ?? fallbackAlbum;
  const albumArtist = onAlbum?.artists?.[0]?.name ?? artist.name;
  return {
    spotifyTrackId: track.id ?? '',
    spotifyArtistId: artist.id,
    ...(release?.id ? { spotifyAlbumId: release.id } : {}),
    artist: artist.name,
    title: track.name,
    artists: credit.artists,
    contributingArtists: credit.contributingArtists,
    ...(credit.remixer ? { remixer: credit.remixer } : {}),
    ...(onAlbum ? { album: onAlbum.name } : {}),
    release: release?.name ?? track.name,
    albumArtist,
    trackNumber: onAlbum ? (track.track_number ?? 1) : 1,
    trackTotal: onAlbum ? (discTracks ?? onAlbum.total_tracks) : 1,
    discNumber: onAlbum ? disc : 1,
    discTotal: onAlbum ? discs : 1,
    ...(release && releaseDate(release) ? { date: releaseDate(release) } : {}),
    ...(album?.genres?.[0] ? { genre: album.genres[0] } : {}),
    ...(isrc ? { isrc: isrc.toUpperCase() } : {}),
    ...(release && largestImage(release) ? { coverUrl: largestImage(release) } : {}),
    durationMs: track.duration_ms,
    probability,
  };
}

/** One track search within the artist ("track" and "artist" fields); the title without version words. */
function artistTrackQuery(file: SuggestionFile, artist: ChosenArtist): string | undefined {
  const readings = suggestionReadings(file).readings;
  const reading = readings.find((r) => r.track.artists.length > 0) ?? readings[0];
  if (!reading) return undefined;
  const base = reading.track.title.replace(/\s*[([].*$/, '').replace(/["]/g, ' ').trim() || reading.track.title;
  return `track:"${base}" artist:"${artist.name.replace(/"/g, ' ')}"`;
}

/**
 * Finds the file's track among the artist's tracks on Spotify (one search) and describes it. A track found on a
 * single or compilation is filed with the artist's album when the same search shows the same recording there.
 */
export async function resolveTrack(api: SpotifyApi, file: SuggestionFile, artist: ChosenArtist): Promise<MetadataOutcome> {
  const q = artistTrackQuery(file, artist);
  if (!q) return { kind: 'no_match', reason: `No title could be read from "${file.filename}".` };
  const tracks = await api.searchTracks(q);
  const byId = new Map(tracks.flatMap((t) => (t.id ? [[t.id, t] as const] : [])));
  const candidates = tracks.flatMap((t) => candidateOf(t) ?? []);
  const best = bestTrackForArtist(file, candidates, artist);
  if (!best || !isConfident(best.result)) {
    return { kind: 'no_match', reason: `No track by ${artist.name} on Spotify matches "${file.filename}" confidently.` };
  }
  let track = byId.get(best.track.id)!;
  if (!isArtistAlbum(track.album, artist.id)) {
    const onAlbum = tracks.find((t) => t !== track && isArtistAlbum(t.album, artist.id) && sameRecording(t, track));
    if (onAlbum) track = onAlbum;
  }
  const album = track.album?.id && isArtistAlbum(track.album, artist.id) ? await api.album(track.album.id) : undefined;
  return { kind: 'matched', metadata: describe(track, album, track.album, artist, best.result.probability, track.external_ids?.isrc) };
}

/** The album the folder is, among the artist's albums (albums first, then singles/EPs), by name. */
export async function findArtistAlbum(api: SpotifyApi, artistId: string, folderAlbum: string | undefined): Promise<SpotifyAlbum | undefined> {
  if (!folderAlbum) return undefined;
  const want = compactKey(parseAlbum(folderAlbum).base);
  if (!want) return undefined;
  const releases = await api.artistAlbums(artistId, ['album', 'single']);
  const hit = releases.find((a) => a.id && compactKey(parseAlbum(a.name).base) === want);
  return hit?.id ? api.album(hit.id) : undefined;
}

/**
 * A file of a folder, matched within a known album of the artist: no search, the album's track list (read once)
 * is scored; the ISRC, which album track lists lack, costs one track lookup.
 */
export async function resolveInAlbum(api: SpotifyApi, file: SuggestionFile, album: SpotifyAlbum, artist: ChosenArtist): Promise<MetadataOutcome> {
  const readings = suggestionReadings(file);
  let best: { t: SpotifyAlbumTrack; p: ReturnType<typeof scoreCandidate> } | undefined;
  for (const t of album.tracks) {
    const c: CandidateTrack | undefined = t.id ? { id: t.id, title: t.name, artists: t.artists.flatMap((a) => (a.id ? [{ id: a.id, name: a.name }] : [])), album: album.name, durationMs: t.duration_ms, trackNumber: t.track_number } : undefined;
    if (!c) continue;
    const p = scoreCandidate(readings, c);
    if (!best || p.probability > best.p.probability || (p.probability === best.p.probability && p.score > best.p.score)) best = { t, p };
  }
  if (!best || !isConfident(best.p)) return { kind: 'no_match', reason: `"${file.filename}" is not a track of ${album.name}.` };
  const full = best.t.id ? await api.track(best.t.id) : undefined;
  return { kind: 'matched', metadata: describe(best.t, album, album, artist, best.p.probability, full?.external_ids?.isrc) };
}

/** The album named by a folder of files: the folder reading most of them share. */
export function folderAlbumOf(files: readonly SuggestionFile[]): string | undefined {
  const counts = new Map<string, number>();
  for (const f of files) {
    const a = f.tags?.album ?? parsePeerFilename(f.filename).album;
    if (a) counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
