// Artist suggestions for a file: which catalogue artists a file (its peer path, its tags, its length) most likely
// belongs to. Each candidate track is scored against the file with the engine, once per credited artist (so a
// featured artist only scores as well as the file names them), and every artist keeps their best score; the
// percentage is the engine's calibrated probability. Pure.
import { matchFileReadings, fileReadings, type FileReadings, type MatchResult } from './match';
import { parseTitle } from './parse';
import type { MatchTrack } from './score';

/** A file as the modal knows it: the path as a peer shares it (or a local path), its tags and length when read. */
export interface SuggestionFile {
  filename: string;
  durationMs?: number;
  tags?: { title?: string; artist?: string; album?: string; trackNumber?: number };
}

/** A catalogue track offered by a search, with artist ids. */
export interface CandidateTrack {
  id: string;
  title: string;
  artists: ReadonlyArray<{ id: string; name: string }>;
  album?: string;
  durationMs?: number;
  trackNumber?: number;
}

export interface ArtistScore {
  artistId: string;
  name: string;
  /** The artist's best track for this file. */
  trackId: string;
  result: MatchResult;
}

/** Every reading of the file: the peer path's, and the file's own tags when it has a title and an artist. */
export function suggestionReadings(file: SuggestionFile): FileReadings {
  const durationSec = file.durationMs !== undefined ? file.durationMs / 1000 : undefined;
  const fromName = fileReadings(file.filename, durationSec);
  const t = file.tags;
  if (!t?.title?.trim() || !t.artist?.trim()) return fromName;
  const track: MatchTrack = { title: t.title.trim(), artists: [t.artist.trim()] };
  if (t.album?.trim()) track.album = t.album.trim();
  if (t.trackNumber) track.trackNumber = t.trackNumber;
  if (durationSec !== undefined) track.durationSec = durationSec;
  return { readings: [{ track, how: 'tags' }, ...fromName.readings] };
}

/** The reading a search is built from: tags first, then the first name reading that names an artist. */
export function primaryReading(file: SuggestionFile): MatchTrack | undefined {
  const readings = suggestionReadings(file).readings;
  return (readings.find((r) => r.track.artists.length > 0) ?? readings[0])?.track;
}

/** Free-text search words for the file: "artist title" without version noise (the scorer judges versions). */
export function suggestionQuery(file: SuggestionFile): string | undefined {
  const r = primaryReading(file);
  if (!r) return undefined;
  const parsed = parseTitle(r.title);
  const title = parsed.remixer ? `${parsed.base} ${parsed.remixer}` : parsed.base;
  const q = [r.artists[0] ?? '', title].join(' ').replace(/[^\p{L}\p{N}'&]+/gu, ' ').trim();
  return q === '' ? undefined : q;
}

/** How well the file matches a candidate when credited to one of its artists (or to all, without `artistName`). */
export function scoreCandidate(readings: FileReadings, c: CandidateTrack, artistName?: string): MatchResult {
  const names = c.artists.map((a) => a.name);
  const artists = artistName ? [artistName, ...names.filter((n) => n !== artistName)] : names;
  const wanted: MatchTrack = { title: c.title, artists };
  if (c.album) wanted.album = c.album;
  if (c.durationMs !== undefined) wanted.durationSec = c.durationMs / 1000;
  if (c.trackNumber !== undefined) wanted.trackNumber = c.trackNumber;
  return matchFileReadings(wanted, readings);
}

/** Artists ranked by how well the file matches their best candidate track; best first, at most `limit`. */
export function rankArtists(file: SuggestionFile, candidates: readonly CandidateTrack[], limit = 5): ArtistScore[] {
  const readings = suggestionReadings(file);
  const best = new Map<string, ArtistScore>();
  for (const c of candidates) {
    for (const a of c.artists) {
      const result = scoreCandidate(readings, c, a.name);
      const prev = best.get(a.id);
      if (!prev || better(result, prev.result)) best.set(a.id, { artistId: a.id, name: a.name, trackId: c.id, result });
    }
  }
  return [...best.values()].sort((x, y) => compare(y.result, x.result)).slice(0, limit);
}

/** The artist's best candidate for the file (credited to them, or remixed by them), or undefined. */
export function bestTrackForArtist(file: SuggestionFile, candidates: readonly CandidateTrack[], artist: { id: string; name: string }): { track: CandidateTrack; result: MatchResult } | undefined {
  const readings = suggestionReadings(file);
  let best: { track: CandidateTrack; result: MatchResult } | undefined;
  for (const c of candidates) {
    const credited = c.artists.some((a) => a.id === artist.id);
    const remixedBy = parseTitle(c.title).remixer?.toLocaleLowerCase() === artist.name.toLocaleLowerCase();
    if (!credited && !remixedBy) continue;
    const result = scoreCandidate(readings, c, credited ? (c.artists.find((a) => a.id === artist.id)?.name ?? artist.name) : undefined);
    if (!best || better(result, best.result)) best = { track: c, result };
  }
  return best;
}

/** Good enough to file under: the engine accepts it, or would offer it for review, and it is the same version. */
export function isConfident(result: MatchResult): boolean {
  return !result.versionConflict && result.verdict !== 'reject';
}

function compare(a: MatchResult, b: MatchResult): number {
  return a.probability - b.probability || a.score - b.score;
}

function better(a: MatchResult, b: MatchResult): boolean {
  return compare(a, b) > 0;
}
