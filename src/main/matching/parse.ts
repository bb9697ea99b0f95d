// Splits titles and artist credits into the parts matching cares about: the base name, featured artists,
// and the version (remix, live, remaster, ...). Pure.
import { foldCase } from './normalise';

export type VersionKind =
  | 'remix'
  | 'live'
  | 'acoustic'
  | 'instrumental'
  | 'remaster'
  | 'edit'
  | 'demo'
  | 'radio'
  | 'extended'
  | 'acapella'
  | 'cover'
  | 'sped_up'
  | 'clean';

export interface TitleVersion {
  kind: VersionKind | null;
  /** The version text as written, without brackets ("Live at Wembley", "2011 Remaster"); '' when none. */
  text: string;
}

export interface ParsedTitle {
  /** The title without brackets, featuring credits or version suffixes. */
  base: string;
  /** Featured artists named in the title ("feat. X", "ft. X & Y", "(with X)"). */
  featuring: string[];
  version: TitleVersion;
  /** Bracketed text that is neither a version nor a credit ("Bonus Track", "Part 2", "From 'Film'"). */
  extras: string[];
  /** Who made the remix, when the version names them ("Song (Artist A Remix)" → "Artist A"). */
  remixer?: string;
  /** The year of a remaster ("2011 Remaster", "Remastered 2015"). */
  remasterYear?: number;
  /** "Explicit" named in the title; a clean edit shows as the `clean` version instead. */
  explicit?: boolean;
}

/** Versions that are the same recording (mastering or a cut): they should not stop a match. */
const HARMLESS: ReadonlySet<VersionKind> = new Set(['remaster', 'radio', 'edit', 'clean']);
/** Versions that are another performance or mix: never a substitute for what was asked. */
const DIFFERENT_RECORDING: ReadonlySet<VersionKind> = new Set([
  'remix', 'live', 'acoustic', 'instrumental', 'demo', 'acapella', 'cover', 'sped_up',
]);

export function isHarmlessVersion(kind: VersionKind | null): boolean {
  return kind !== null && HARMLESS.has(kind);
}

export function isDifferentRecording(kind: VersionKind | null): boolean {
  return kind !== null && DIFFERENT_RECORDING.has(kind);
}

// Order matters: the first rule that matches wins, so a "Live ... Remastered" is live and an
// "Extended Remix" is a remix while an "Extended Mix" is merely extended.
const VERSION_RULES: ReadonlyArray<[VersionKind, RegExp]> = [
  ['acapella', /\ba ?capp?ella\b|\bvocals? only\b/],
  ['cover', /\bcover\b|\boriginally performed\b|\bin the style of\b|\bmade famous\b|\btribute\b/],
  ['sped_up', /\bsped ?up\b|\bslowed\b|\bnightcore\b|\breverb\b/],
  ['live', /\blive\b|\bin concert\b|\bconcert version\b/],
  ['acoustic', /\bacoustic\b|\bunplugged\b/],
  ['instrumental', /\binstrumental\b|\bkaraoke\b|\bbacking track\b/],
  ['demo', /\bdemo\b/],
  ['remix', /\bre-?mix(?:ed)?\b|\brmx\b|\brework\b|\bbootleg\b|\bre-?edit\b|\bvip\b/],
  ['radio', /\bradio\b/],
  ['extended', /\bextended\b|\b12(?:"|''|in| inch)/],
  ['remix', /\bmix\b|\bdub\b/],
  ['remaster', /\bre-?master(?:ed)?\b|\bre-?mastering\b/],
  ['edit', /\bedit\b|\bsingle version\b|\bshort version\b/],
  ['clean', /^(?:clean|clean version|radio clean|censored)$/],
];

/** Markers that say nothing about the recording: dropped entirely. */
const NEUTRAL =
  /^(?:(?:original|album|main|single|lp|ep)\s+(?:mix|version)|original|mono|stereo|(?:mono|stereo)\s+(?:mix|version))$/;
const EXPLICIT = /^(?:explicit|dirty|explicit version|album explicit)$/;

// "feat. X", "ft X", "( feat . X )" (spaced punctuation, as peers' file names have it), "with X".
const FEAT_PREFIX = /^(?:featuring|feat|ft|with)(?:\s*\.\s*|\s+)(.+)$/i;
const INLINE_FEAT = /\s+(?:feat\.|ft\.|featuring|feat)\s+/i;
const NAME_SEPARATORS = /\s*,\s*|\s*&\s*|\s+\+\s+|\s+and\s+|\s+x\s+|\s+vs\.?\s+|\s*;\s*|\s+\/\s+/i;
const DASH_SUFFIX = /\s+[-–—]\s+/;
const BRACKETS = /\(([^()]*)\)|\[([^[\]]*)\]|\{([^{}]*)\}/g;

type Piece =
  | { type: 'feat'; names: string[] }
  | { type: 'version'; kind: VersionKind; text: string }
  | { type: 'neutral'; explicit?: boolean }
  | { type: 'extra'; text: string };

export function classifyVersion(text: string): VersionKind | null {
  const folded = foldCase(text);
  for (const [kind, re] of VERSION_RULES) if (re.test(folded)) return kind;
  return null;
}

function splitNames(list: string): string[] {
  return list
    .split(NAME_SEPARATORS)
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
}

function classifyPiece(raw: string): Piece {
  const text = raw.trim();
  const feat = FEAT_PREFIX.exec(text);
  if (feat?.[1]) return { type: 'feat', names: splitNames(feat[1]) };
  const folded = foldCase(text).replace(/\s+/g, ' ');
  if (NEUTRAL.test(folded)) return { type: 'neutral' };
  if (EXPLICIT.test(folded)) return { type: 'neutral', explicit: true };
  const kind = classifyVersion(text);
  if (kind) return { type: 'version', kind, text };
  return { type: 'extra', text };
}

/** A different recording outranks a harmless one when a title names both ("Live / 2011 Remaster"). */
function rank(kind: VersionKind): number {
  return isDifferentRecording(kind) ? 2 : 1;
}

/**
 * Parses "Song (feat. X) [Y Remix]", "Song - 2011 Remaster", "Song - Live at Wembley", "Song ft. X".
 * Unknown " - " suffixes stay in the base (they are often part of the name: "Part 1 - The Beginning").
 */
export function parseTitle(title: string): ParsedTitle {
  const pieces: Piece[] = [];
  let rest = title.replace(BRACKETS, (_m, a?: string, b?: string, c?: string) => {
    const inner = a ?? b ?? c ?? '';
    if (inner.trim()) pieces.push(classifyPiece(inner));
    return ' ';
  });

  // Dash suffixes, from the end, while they are versions, credits or a "from <film>" note.
  const segments = rest.split(DASH_SUFFIX);
  while (segments.length > 1) {
    const last = segments[segments.length - 1] ?? '';
    const piece = classifyPiece(last);
    if (piece.type === 'extra' && !/^from\s/i.test(piece.text)) break;
    pieces.unshift(piece);
    segments.pop();
  }
  rest = segments.join(' - ');

  const inline = INLINE_FEAT.exec(rest);
  if (inline) {
    pieces.push({ type: 'feat', names: splitNames(rest.slice(inline.index + inline[0].length)) });
    rest = rest.slice(0, inline.index);
  }

  let base = rest.replace(/\s+/g, ' ').replace(/[\s\-–—:]+$/, '').trim();
  const featuring: string[] = [];
  const extras: string[] = [];
  // A title that is all brackets ("(Intro)") is its own base.
  if (!base) {
    base = title.trim();
    pieces.length = 0;
  }
  let version: TitleVersion = { kind: null, text: '' };
  let remasterYear: number | undefined;
  let explicit: boolean | undefined;
  for (const p of pieces) {
    if (p.type === 'feat') featuring.push(...p.names);
    else if (p.type === 'extra') extras.push(p.text);
    else if (p.type === 'neutral') {
      if (p.explicit) explicit = true;
    } else {
      if (p.kind === 'remaster') remasterYear ??= yearIn(p.text);
      if (version.kind === null || rank(p.kind) > rank(version.kind)) version = { kind: p.kind, text: p.text };
    }
  }
  const parsed: ParsedTitle = { base, featuring, version, extras };
  const remixer = version.kind === 'remix' ? remixerIn(version.text) : undefined;
  if (remixer) parsed.remixer = remixer;
  if (remasterYear !== undefined) parsed.remasterYear = remasterYear;
  if (explicit) parsed.explicit = true;
  return parsed;
}

function yearIn(text: string): number | undefined {
  const m = /\b(19\d\d|20\d\d)\b/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Words that describe a mix rather than name who made it. */
const MIX_WORDS =
  /\b(?:re-?mix(?:ed)?|rmx|mix|re-?work|bootleg|re-?edit|edit|vip|dub|club|extended|radio|original|version|instrumental|official|short|long|12"|12 inch)\b/gi;

/** "Artist A Remix" → "Artist A"; "Club Mix", "Extended Remix" → undefined (no name left). */
export function remixerIn(versionText: string): string | undefined {
  const name = versionText
    .replace(MIX_WORDS, ' ')
    .replace(/[''’]s\b/g, ' ')
    .replace(/\b(?:19|20)\d\d\b/g, ' ')
    .replace(/^[\s\-–—:,.]+|[\s\-–—:,.]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return name.length > 0 ? name : undefined;
}

export interface ParsedArtistCredit {
  /** The credit before any "feat." part ("Simon & Garfunkel", "A, B"). */
  main: string;
  /** `main` split into names; a band name with "&" is split too, so compare `main` as well. */
  names: string[];
  featuring: string[];
}

/** Parses "A feat. B & C", "A, B", "A x B", "A (feat. B)". */
export function parseArtistCredit(credit: string): ParsedArtistCredit {
  let main = credit.trim();
  const featuring: string[] = [];
  main = main.replace(BRACKETS, (m, a?: string, b?: string) => {
    const feat = FEAT_PREFIX.exec((a ?? b ?? '').trim());
    if (feat?.[1]) {
      featuring.push(...splitNames(feat[1]));
      return ' ';
    }
    return m;
  });
  const inline = INLINE_FEAT.exec(main);
  if (inline) {
    featuring.push(...splitNames(main.slice(inline.index + inline[0].length)));
    main = main.slice(0, inline.index);
  }
  main = main.replace(/\s+/g, ' ').trim();
  return { main, names: splitNames(main), featuring };
}

export interface ParsedAlbum {
  /** The album name without edition noise ("Abbey Road (Super Deluxe Edition) [2019 Remaster]" → "Abbey Road"). */
  base: string;
  /** The edition notes that were removed, as written. */
  edition: string[];
  year?: number;
  disc?: number;
  /** A version the whole album is (a live album, a remix album, an acoustic session), when its name says so. */
  version: VersionKind | null;
}

/** Edition words: a bracket or dash suffix made of these says nothing about which recordings are on it. */
const EDITION =
  /\b(?:deluxe|expanded|explicit|clean|remaster(?:ed)?|edition|anniversary|bonus|special|collector'?s?|reissue|version|super|limited|legacy|platinum|complete|definitive|international|japan(?:ese)?|uk|us|eu|import|mono|stereo|\d+(?:st|nd|rd|th)|disc|cd|lp|ep|single|tracks?|flac|mp3|web|vinyl|hi-?res|24bit|16bit|\d+ ?bit|\d+(?:[.,]\d+)? ?khz|\d+ ?kbps|320|v0|v2)\b|^(?:19|20)\d\d$/i;
const DISC = /^(?:cd|disc|disk)\s*(\d+)$/i;

/** Splits edition noise off an album name: Deluxe, Expanded, Explicit, Remastered, a year, a disc number. */
export function parseAlbum(name: string): ParsedAlbum {
  const edition: string[] = [];
  let year: number | undefined;
  let disc: number | undefined;
  let version: VersionKind | null = null;
  const note = (text: string): boolean => {
    const t = text.trim();
    const d = DISC.exec(t);
    if (d) {
      disc = Number(d[1]);
      edition.push(t);
      return true;
    }
    const kind = classifyVersion(t);
    if (kind && isDifferentRecording(kind)) {
      version ??= kind;
      return false;
    }
    if (EDITION.test(foldCase(t))) {
      year ??= yearIn(t);
      edition.push(t);
      return true;
    }
    return false;
  };
  let rest = name.replace(BRACKETS, (m, a?: string, b?: string, c?: string) => (note(a ?? b ?? c ?? '') ? ' ' : m));
  const segments = rest.split(DASH_SUFFIX);
  while (segments.length > 1 && note(segments[segments.length - 1] ?? '')) segments.pop();
  rest = segments.join(' - ').replace(/\s+/g, ' ').replace(/[\s\-–—:,]+$/, '').trim();
  if (!rest) rest = name.trim();
  version ??= albumVersion(rest);
  const out: ParsedAlbum = { base: rest, edition, version };
  if (year !== undefined) out.year = year;
  if (disc !== undefined) out.disc = disc;
  return out;
}

/** "Live at Wembley", "MTV Unplugged", "The Remixes", "Instrumentals": the whole album is that version. */
function albumVersion(name: string): VersionKind | null {
  const f = foldCase(name);
  if (/\blive\b/.test(f)) return 'live';
  if (/\bunplugged\b|\bacoustic\b/.test(f)) return 'acoustic';
  if (/\bremix(?:es|ed)?\b/.test(f)) return 'remix';
  if (/\binstrumentals?\b|\bkaraoke\b/.test(f)) return 'instrumental';
  return null;
}
