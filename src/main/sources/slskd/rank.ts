// Turns slskd search responses into an ordered list of download candidates. Pure.
// Order: match score first (in bands, so near-equal matches compete on quality), then the quality ladder, then the
// peer (free upload slot, shorter queue, faster). Locked files, unwanted formats, quality below the minimum, weak
// matches and versions nobody asked for (live, remix, acoustic, instrumental, ...) are rejected with a reason.
import type { TrackWanted } from '../../base';
import { classifyQuality, DEFAULT_QUALITY_LADDER, ladderRank, type QualityTier } from './quality';
import { parseRemotePath, type ParsedRemotePath } from './remotePath';
import type { SlskdSearchResponse } from './schemas';

/** What a scorer sees of a candidate. */
export interface CandidateForScoring {
  artist?: string;
  title: string;
  album?: string;
  /** The full remote path, for scorers that look beyond the parsed fields. */
  path: string;
  lengthSec?: number;
}

/** Similarity of a candidate to the wanted track, 0 (unrelated) … 1 (same recording). */
export type ScoreMatch = (wanted: TrackWanted, candidate: CandidateForScoring) => number;

export interface SlskdCandidate {
  /** Quarantine key: `username\u0000filename`. */
  key: string;
  username: string;
  filename: string;
  size: number;
  ext: string;
  parsed: ParsedRemotePath;
  bitRate?: number;
  bitDepth?: number;
  sampleRate?: number;
  lengthSec?: number;
  isVariableBitRate?: boolean;
  peer: { hasFreeUploadSlot: boolean; queueLength: number; uploadSpeed: number };
}

export interface RankedCandidate extends SlskdCandidate {
  score: number;
  quality: QualityTier;
  /** 0 = the best tier of the ladder. */
  qualityRank: number;
}

export interface RejectedCandidate {
  candidate: SlskdCandidate;
  reason: string;
}

export interface RankOptions {
  scoreMatch?: ScoreMatch;
  /** Candidates scoring below this are rejected. */
  minScore?: number;
  /** Scores are compared in bands of this width, so quality decides between near-equal matches. */
  scoreBand?: number;
  ladder?: readonly QualityTier[];
  minQuality?: QualityTier;
}

export const candidateKey = (username: string, filename: string): string => `${username}\u0000${filename}`;

/** Every downloadable file of every response; locked files are left out. */
export function candidatesFromResponses(responses: readonly SlskdSearchResponse[]): SlskdCandidate[] {
  const out: SlskdCandidate[] = [];
  for (const r of responses) {
    const locked = new Set(r.lockedFiles.map((f) => f.filename));
    for (const f of r.files) {
      if (f.isLocked || locked.has(f.filename)) continue;
      const parsed = parseRemotePath(f.filename);
      out.push({
        key: candidateKey(r.username, f.filename),
        username: r.username,
        filename: f.filename,
        size: f.size,
        ext: parsed.ext || (f.extension ?? '').toLowerCase().replace(/^\./, ''),
        parsed,
        bitRate: f.bitRate,
        bitDepth: f.bitDepth,
        sampleRate: f.sampleRate,
        lengthSec: f.length,
        isVariableBitRate: f.isVariableBitRate,
        peer: { hasFreeUploadSlot: r.hasFreeUploadSlot, queueLength: r.queueLength, uploadSpeed: r.uploadSpeed },
      });
    }
  }
  return out;
}

export function rankCandidates(
  wanted: TrackWanted,
  candidates: readonly SlskdCandidate[],
  options: RankOptions = {},
): { ranked: RankedCandidate[]; rejected: RejectedCandidate[] } {
  const score = options.scoreMatch ?? defaultScoreMatch;
  const minScore = options.minScore ?? 0.7;
  const band = options.scoreBand ?? 0.1;
  const ladder = options.ladder ?? DEFAULT_QUALITY_LADDER;
  const minQuality = options.minQuality ?? 'mp3-192';
  const ranked: RankedCandidate[] = [];
  const rejected: RejectedCandidate[] = [];
  const seen = new Set<string>();

  for (const c of candidates) {
    if (seen.has(c.key)) continue;
    seen.add(c.key);
    const quality = classifyQuality({
      ext: c.ext,
      bitRate: c.bitRate,
      bitDepth: c.bitDepth,
      isVariableBitRate: c.isVariableBitRate,
      size: c.size,
      lengthSec: c.lengthSec,
    });
    if (!quality) {
      rejected.push({ candidate: c, reason: `format .${c.ext || '?'} not wanted` });
      continue;
    }
    const qualityRank = ladderRank(quality, ladder, minQuality);
    if (qualityRank === undefined) {
      rejected.push({ candidate: c, reason: `quality ${quality} below minimum ${minQuality}` });
      continue;
    }
    const version = unaskedVersion(wanted, c.parsed);
    if (version) {
      rejected.push({ candidate: c, reason: `${version} version not asked for` });
      continue;
    }
    const s = clamp01(
      score(wanted, {
        artist: c.parsed.artist,
        title: c.parsed.title,
        album: c.parsed.album,
        path: c.filename,
        lengthSec: c.lengthSec,
      }),
    );
    if (s < minScore) {
      rejected.push({ candidate: c, reason: `match ${s.toFixed(2)} below ${minScore}` });
      continue;
    }
    ranked.push({ ...c, score: s, quality, qualityRank });
  }

  const bandOf = (s: number) => Math.floor((s + 1e-9) / band);
  ranked.sort(
    (a, b) =>
      bandOf(b.score) - bandOf(a.score) ||
      a.qualityRank - b.qualityRank ||
      Number(b.peer.hasFreeUploadSlot) - Number(a.peer.hasFreeUploadSlot) ||
      a.peer.queueLength - b.peer.queueLength ||
      b.peer.uploadSpeed - a.peer.uploadSpeed ||
      b.score - a.score ||
      a.key.localeCompare(b.key),
  );
  return { ranked, rejected };
}

// ---------------------------------------------------------------- versions nobody asked for

interface VersionMarker {
  name: string;
  re: RegExp;
  /** Also reject when the album folder carries the marker (a live album, a remix album). */
  inFolder: boolean;
}

export const VERSION_MARKERS: readonly VersionMarker[] = [
  { name: 'live', re: /\blive\b/, inFolder: true },
  { name: 'remix', re: /\b(?:remix(?:es|ed)?|rmx|re ?edit|bootleg|mash ?up|(?:club|extended|dub) mix)\b/, inFolder: true },
  { name: 'acoustic', re: /\bacoustic\b/, inFolder: true },
  { name: 'unplugged', re: /\bunplugged\b/, inFolder: true },
  { name: 'instrumental', re: /\binstrumentals?\b/, inFolder: true },
  { name: 'karaoke', re: /\bkaraoke\b/, inFolder: true },
  { name: 'a cappella', re: /\b(?:a ?cappella|acapella)\b/, inFolder: false },
  { name: 'demo', re: /\bdemo\b/, inFolder: false },
  { name: 'cover', re: /\bcover\b/, inFolder: false },
  { name: 'extended', re: /\bextended\b/, inFolder: false },
  { name: 'sped up', re: /\b(?:sped up|slowed|nightcore)\b/, inFolder: true },
];

/** The name of a version marker in the candidate that the wanted title/album does not carry, if any. */
export function unaskedVersion(wanted: Pick<TrackWanted, 'title' | 'album'>, parsed: ParsedRemotePath): string | undefined {
  const asked = `${plain(wanted.title)} ${plain(wanted.album ?? '')}`;
  const stem = plain(parsed.fileName.replace(/\.[^.]+$/, ''));
  const albumFolder = plain(parsed.folders.slice(-2).join(' '));
  for (const m of VERSION_MARKERS) {
    if (m.re.test(asked)) continue;
    if (m.re.test(stem) || (m.inFolder && m.re.test(albumFolder))) return m.name;
  }
  return undefined;
}

// ---------------------------------------------------------------- default scorer

/**
 * A simple normalised-token similarity, weighted like SoulSync's Soulseek scorer:
 * 0.45·title + 0.40·artist + 0.15·duration (±5 s full credit, 0 beyond 30 s). A weak title caps the score at the
 * title's own similarity, so the right artist and length cannot carry a different song ("Harbour" for "Harbour
 * Lights"). Stands in until src/main/matching provides a scorer; pass that one as `scoreMatch`.
 */
export const defaultScoreMatch: ScoreMatch = (wanted, c) => {
  const title = dice(titleTokens(wanted.title), titleTokens(c.title));
  const total = weightedScore(wanted, c, title);
  return clamp01(title < TITLE_GATE ? Math.min(total, title) : total);
};

/** Below this title similarity the title alone decides. */
const TITLE_GATE = 0.75;

function weightedScore(wanted: TrackWanted, c: CandidateForScoring, title: number): number {
  const wantArtist = artistTokens(wanted.artist);
  const parsedArtist = c.artist ? tokenSimilarity(wantArtist, artistTokens(c.artist)) : 0;
  const inPath = coverage(wantArtist, new Set(plain(c.path).split(' '))) * 0.9;
  const artist = Math.max(parsedArtist, inPath);
  if (wanted.durationSec === undefined || c.lengthSec === undefined) return (0.45 * title + 0.4 * artist) / 0.85;
  const diff = Math.abs(wanted.durationSec - c.lengthSec);
  const duration = diff <= 5 ? 1 : diff >= 30 ? 0 : 1 - (diff - 5) / 25;
  return 0.45 * title + 0.4 * artist + 0.15 * duration;
}

const NOISE = new Set([
  'remaster', 'remastered', 'remasters', 'version', 'edition', 'mono', 'stereo', 'deluxe', 'bonus', 'track',
  'explicit', 'clean', 'original', 'album', 'single', 'digital', 'hd', 'hq',
]);

/** Lower-case, no diacritics, `&` → and, punctuation → spaces, apostrophes dropped. */
function plain(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’‘`´]/g, '')
    .replace(/\s*&\s*/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function titleTokens(s: string): Set<string> {
  const noBrackets = s.replace(/[([{][^)\]}]*[)\]}]/g, ' ');
  const noFeat = plain(noBrackets).replace(/\b(?:feat|ft|featuring)\b.*$/, '');
  return new Set(noFeat.split(' ').filter((t) => t && !NOISE.has(t) && !/^(?:19|20)\d\d$/.test(t)));
}

function artistTokens(s: string): Set<string> {
  const noFeat = plain(s).replace(/\b(?:feat|ft|featuring)\b.*$/, '');
  return new Set(noFeat.split(' ').filter((t) => t && t !== 'the' && t !== 'and'));
}

function coverage(want: Set<string>, have: Set<string>): number {
  if (want.size === 0) return 0;
  let hit = 0;
  for (const t of want) if (have.has(t)) hit++;
  return hit / want.size;
}

/** Dice coefficient of two token sets: shared tokens over the average size. */
function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let hit = 0;
  for (const t of a) if (b.has(t)) hit++;
  return (2 * hit) / (a.size + b.size);
}

/** Coverage of the wanted tokens, discounted by extra tokens in the candidate ("Love" ≠ "Love Me Do"). */
function tokenSimilarity(want: Set<string>, have: Set<string>): number {
  if (want.size === 0 || have.size === 0) return 0;
  const cov = coverage(want, have);
  const precision = coverage(have, want);
  return cov * (0.5 + 0.5 * precision);
}

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);
