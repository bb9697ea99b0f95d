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
  | 'extended';

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
}

/** Versions that are the same recording (mastering or a cut): they should not stop a match. */
const HARMLESS: ReadonlySet<VersionKind> = new Set(['remaster', 'radio', 'edit']);
/** Versions that are another performance or mix: never a substitute for what was asked. */
const DIFFERENT_RECORDING: ReadonlySet<VersionKind> = new Set(['remix', 'live', 'acoustic', 'instrumental', 'demo']);

export function isHarmlessVersion(kind: VersionKind | null): boolean {
  return kind !== null && HARMLESS.has(kind);
}

export function isDifferentRecording(kind: VersionKind | null): boolean {
  return kind !== null && DIFFERENT_RECORDING.has(kind);
}

// Order matters: the first rule that matches wins, so a "Live ... Remastered" is live and an
// "Extended Remix" is a remix while an "Extended Mix" is merely extended.
const VERSION_RULES: ReadonlyArray<[VersionKind, RegExp]> = [
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
];

/** Markers that say nothing about the recording: dropped entirely. */
const NEUTRAL =
  /^(?:(?:original|album|main|single|lp|ep)\s+(?:mix|version)|original|mono|stereo|explicit|clean|dirty|(?:explicit|clean)\s+version|(?:mono|stereo)\s+(?:mix|version))$/;

const FEAT_PREFIX = /^(?:feat\.?|ft\.?|featuring|with)\s+(.+)$/i;
const INLINE_FEAT = /\s+(?:feat\.|ft\.|featuring|feat)\s+/i;
const NAME_SEPARATORS = /\s*,\s*|\s+&\s+|\s+and\s+|\s+x\s+|\s*;\s*|\s+\/\s+/i;
const DASH_SUFFIX = /\s+[-–—]\s+/;
const BRACKETS = /\(([^()]*)\)|\[([^[\]]*)\]|\{([^{}]*)\}/g;

type Piece =
  | { type: 'feat'; names: string[] }
  | { type: 'version'; kind: VersionKind; text: string }
  | { type: 'neutral' }
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
  for (const p of pieces) {
    if (p.type === 'feat') featuring.push(...p.names);
    else if (p.type === 'extra') extras.push(p.text);
    else if (p.type === 'version' && (version.kind === null || rank(p.kind) > rank(version.kind))) {
      version = { kind: p.kind, text: p.text };
    }
  }
  return { base, featuring, version, extras };
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
