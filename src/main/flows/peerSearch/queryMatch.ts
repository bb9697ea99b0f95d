// How well a peer's file or folder answers a free-text search ("glass harbour harbour lights"), by the matching
// engine. A query does not say where the artist ends and the title begins, so it is read every plausible way
// (artist then title, title then artist, title alone, or split at " - " when it has one). Scoring every reading
// against every reading of every file name costs too much for a search's thousands of files (the engine is
// ~0.2 ms a call on names it has not seen), so each file is scored once: the reading of its name and the reading of the
// query whose words line up best (artist words with artist words, title words with title words). Pure.
import { matchTokens, matchTracks, type MatchTrack, type ParsedFilename } from '../../matching';

/** Queries longer than this are read as a few splits only. */
const MAX_SPLIT_WORDS = 8;

interface QueryReading {
  track: MatchTrack;
  /** Normalised words of the reading's artist and title. */
  artistTokens: string[];
  titleTokens: string[];
}

export interface PreparedQuery {
  readings: QueryReading[];
  titleOnly: MatchTrack;
  titleTokens: string[];
}

/** The tracks a query may be asking for. */
export function prepareQuery(query: string): PreparedQuery {
  const text = query.normalize('NFC').replace(/\s+/g, ' ').trim();
  const titleOnly: MatchTrack = { artists: [], title: text };
  const tracks: MatchTrack[] = [];
  const dashed = text.split(/\s+[-–—]\s+/).map((s) => s.trim()).filter(Boolean);
  if (dashed.length === 2) {
    const [a, b] = dashed as [string, string];
    tracks.push({ artists: [a], title: b }, { artists: [b], title: a });
  } else {
    const words = text.split(' ').filter(Boolean);
    const splits = words.length <= MAX_SPLIT_WORDS ? range(1, words.length) : [1, 2, 3];
    for (const k of splits) {
      tracks.push({ artists: [words.slice(0, k).join(' ')], title: words.slice(k).join(' ') });
      tracks.push({ artists: [words.slice(k).join(' ')], title: words.slice(0, k).join(' ') });
    }
  }
  return {
    readings: tracks.map((track) => ({ track, artistTokens: matchTokens(track.artists[0] ?? ''), titleTokens: matchTokens(track.title) })),
    titleOnly,
    titleTokens: matchTokens(text),
  };
}

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/** Words of `want` found in `have`, less those missing: how well one part of a reading lines up. */
function wordFit(want: readonly string[], have: ReadonlySet<string>): number {
  let fit = 0;
  for (const t of want) fit += have.has(t) ? 1 : -1;
  return fit;
}

/**
 * The pair of readings (the query's, the name's) whose words line up best, scored by the engine: one engine call
 * per file, whatever the length of the query or the number of ways its name reads.
 */
function bestPairScore(q: PreparedQuery, candidates: readonly MatchTrack[]): number {
  let pick: { wanted: MatchTrack; candidate: MatchTrack; fit: number } | undefined;
  for (const candidate of candidates) {
    const artistWords = new Set(candidate.artists.flatMap((a) => matchTokens(a)));
    const titleWords = new Set(matchTokens(candidate.title));
    // A bare title leaves the name's artist words unexplained.
    const bare = wordFit(q.titleTokens, titleWords) - artistWords.size * 0.5;
    if (!pick || bare > pick.fit) pick = { wanted: q.titleOnly, candidate, fit: bare };
    for (const r of q.readings) {
      const fit = wordFit(r.artistTokens, artistWords) + wordFit(r.titleTokens, titleWords);
      if (fit > pick.fit) pick = { wanted: r.track, candidate, fit };
    }
  }
  return pick ? matchTracks(pick.wanted, pick.candidate).score : 0;
}

/** The engine's best score (0 … 1) of a peer's parsed file name against the query. */
export function fileQueryScore(q: PreparedQuery, parsed: ParsedFilename): number {
  return bestPairScore(
    q,
    parsed.readings.map((r) => {
      const candidate: MatchTrack = { title: r.title, artists: r.artist ? [r.artist] : [] };
      if (parsed.album) candidate.album = parsed.album;
      return candidate;
    }),
  );
}

/** The engine's best score of a folder named as an album ("Artist - Album (2011)") against the query. */
export function folderQueryScore(q: PreparedQuery, folder: { artist?: string; album: string }): number {
  return bestPairScore(q, [{ title: folder.album, artists: folder.artist ? [folder.artist] : [] }]);
}
