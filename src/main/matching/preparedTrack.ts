// A track with everything the distance needs worked out once: the parsed title, credits, album base, version and
// the normalised keys of each. Scoring compares prepared tracks only, so an index that prepares its catalogue at
// `add` time scores a candidate without parsing or normalising anything. Pure.
import { compactKey, normalise } from './normalise';
import { parseAlbum, parseArtistCredit, parseTitle, type ParsedAlbum, type ParsedTitle, type VersionKind } from './parse';
import { prepareText, type PreparedText } from './stringDistance';
import type { MatchTrack } from './score';

export interface PreparedTitle {
  parsed: ParsedTitle;
  /** The title without its version part (base and extras), for the title distance. */
  text: PreparedText;
  /** The digits of the base title in order ("11:59" → "1159"). */
  numbers: string;
  /** The base title's compact key without digits: "Part 1" and "Part 2" have the same words. */
  words: string;
}

export interface PreparedName {
  name: string;
  key: string;
}

export interface PreparedCredits {
  /** The main credit as written ("Simon & Garfunkel"). */
  main: string;
  mainText: PreparedText;
  /** The main credit's names, the credit itself included, as compact keys. */
  mainNames: string[];
  /** The compact keys of every name credited anywhere: artists, featured, the remixer (empty keys left out). */
  all: string[];
  /** `all` as a set. */
  allSet: ReadonlySet<string>;
}

export interface PreparedVersion {
  kind: VersionKind | null;
  /** The version text as written ("Live at Wembley"), or the album's name for a live/remix album. */
  text: string;
  textKey: string;
  remixer?: PreparedName;
}

export interface PreparedAlbum {
  /** The album as written. */
  name: string;
  /** Its base name without edition noise. */
  baseName: string;
  base: PreparedText;
}

export interface PreparedTrack {
  track: MatchTrack;
  title: PreparedTitle;
  credits: PreparedCredits;
  /** No artist named at all. */
  unnamed: boolean;
  version: PreparedVersion;
  album?: PreparedAlbum;
  durationSec?: number;
  trackNumber?: number;
}

/**
 * Parsed titles per track object: an index scores the same catalogue tracks again and again, and parsing is
 * most of the cost. Weak, so tracks that are dropped take their entries with them.
 */
const parsedTitles = new WeakMap<MatchTrack, { title: string; parsed: ParsedTitle }>();
const parsedAlbums = new Map<string, ParsedAlbum>();
const ALBUM_CACHE_MAX = 50_000;

export function parsedTitleOf(track: MatchTrack): ParsedTitle {
  const hit = parsedTitles.get(track);
  if (hit && hit.title === track.title) return hit.parsed;
  const parsed = parseTitle(track.title);
  parsedTitles.set(track, { title: track.title, parsed });
  return parsed;
}

export function parsedAlbumOf(name: string): ParsedAlbum {
  let hit = parsedAlbums.get(name);
  if (!hit) {
    if (parsedAlbums.size >= ALBUM_CACHE_MAX) parsedAlbums.clear();
    hit = parseAlbum(name);
    parsedAlbums.set(name, hit);
  }
  return hit;
}

function titleWithoutVersion(p: ParsedTitle): string {
  return [p.base, ...p.extras.map((e) => `(${e})`)].join(' ');
}

/** The digits of a title in order: "11:59", "11_59" and "1159" (a colon lost to a file system) agree. */
function numbersIn(text: string): string {
  return (normalise(text).match(/\d+/g) ?? []).join('');
}

export function prepareTitle(parsed: ParsedTitle): PreparedTitle {
  return {
    parsed,
    text: prepareText(titleWithoutVersion(parsed)),
    numbers: numbersIn(parsed.base),
    words: compactKey(parsed.base).replace(/\d+/g, ''),
  };
}

export function prepareCredits(track: MatchTrack, title: ParsedTitle): PreparedCredits {
  const all: string[] = [];
  let main = '';
  let mainNames: string[] = [];
  track.artists.forEach((entry, i) => {
    const credit = parseArtistCredit(entry);
    if (i === 0) {
      main = credit.main;
      mainNames = [credit.main, ...credit.names];
    }
    all.push(credit.main, ...credit.names, ...credit.featuring);
  });
  all.push(...title.featuring);
  if (title.remixer) all.push(title.remixer);
  const allKeys = all.map(compactKey).filter(Boolean);
  return { main, mainText: prepareText(main), mainNames: mainNames.map(compactKey), all: allKeys, allSet: new Set(allKeys) };
}

/** The version a track is: its title's, else its album's when the album is a live/remix/acoustic album. */
export function effectiveVersion(track: MatchTrack, parsed: ParsedTitle): { kind: VersionKind | null; text: string } {
  if (parsed.version.kind !== null) return parsed.version;
  if (track.album) {
    const kind = parsedAlbumOf(track.album).version;
    if (kind) return { kind, text: track.album };
  }
  return parsed.version;
}

export function prepareVersion(track: MatchTrack, parsed: ParsedTitle): PreparedVersion {
  const { kind, text } = effectiveVersion(track, parsed);
  const out: PreparedVersion = { kind, text, textKey: compactKey(text) };
  if (parsed.remixer) out.remixer = { name: parsed.remixer, key: compactKey(parsed.remixer) };
  return out;
}

export function prepareAlbum(name: string): PreparedAlbum {
  const baseName = parsedAlbumOf(name).base;
  return { name, baseName, base: prepareText(baseName) };
}

/** Prepares a track with the title already parsed (the caller's parse, which may differ from the cache's). */
export function prepareParsed(track: MatchTrack, parsed: ParsedTitle): PreparedTrack {
  const out: PreparedTrack = {
    track,
    title: prepareTitle(parsed),
    credits: prepareCredits(track, parsed),
    unnamed: track.artists.length === 0,
    version: prepareVersion(track, parsed),
  };
  if (track.album) out.album = prepareAlbum(track.album);
  if (track.durationSec !== undefined) out.durationSec = track.durationSec;
  if (track.trackNumber !== undefined) out.trackNumber = track.trackNumber;
  return out;
}

/**
 * Everything the distance needs of a track, computed now: a snapshot, later edits to `track` are not seen.
 * Parses afresh rather than through `parsedTitleOf`'s weak cache: an index prepares each track once, and a weak
 * map holding a whole catalogue (plus every query's readings) makes each young-generation GC pause for
 * milliseconds.
 */
export function prepareTrack(track: MatchTrack): PreparedTrack {
  return prepareParsed(track, parseTitle(track.title));
}
