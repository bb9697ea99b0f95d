// Turns slskd search responses into an ordered list of download candidates. Pure.
// Order: match score first (in bands, so near-equal matches compete on quality), then the quality ladder, then the
// peer (free upload slot, shorter queue, faster). Locked files, unwanted formats and quality below the minimum are
// rejected here; whether a file is the track asked for — title, artists, length, and versions nobody asked for
// (live, remix, acoustic, instrumental, ...) — is the matching engine's decision (src/main/matching).
import { matchFilename, type MatchResult, type MatchTrack } from '../../matching';
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
  /** The engine's verdict with its breakdown; absent when a custom `scoreMatch` scored the candidate. */
  match?: MatchResult;
  quality: QualityTier;
  /** 0 = the best tier of the ladder. */
  qualityRank: number;
}

export interface RejectedCandidate {
  candidate: SlskdCandidate;
  reason: string;
  /** Set when the matching engine turned it down (its quality passed): the verdict with its breakdown. */
  match?: MatchResult;
  quality?: QualityTier;
  qualityRank?: number;
}

export interface RankOptions {
  /** Replaces the matching engine with a plain score (tests, experiments); `minScore` then decides alone. */
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
  const wantedTrack = toMatchTrack(wanted);
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
    if (options.scoreMatch) {
      const s = clamp01(
        options.scoreMatch(wanted, {
          artist: c.parsed.artist,
          title: c.parsed.title,
          album: c.parsed.album,
          path: c.filename,
          lengthSec: c.lengthSec,
        }),
      );
      if (s < minScore) rejected.push({ candidate: c, reason: `match ${s.toFixed(2)} below ${minScore}` });
      else ranked.push({ ...c, score: s, quality, qualityRank });
      continue;
    }
    const match = matchFilename(wantedTrack, c.filename, c.lengthSec);
    const why = rejection(match, minScore);
    if (why) {
      rejected.push({ candidate: c, reason: why, match, quality, qualityRank });
      continue;
    }
    ranked.push({ ...c, score: match.score, match, quality, qualityRank });
    continue;
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

// ---------------------------------------------------------------- the engine's decision

/** The wanted track as the matching engine sees it. */
export function toMatchTrack(wanted: TrackWanted): MatchTrack {
  const track: MatchTrack = { title: wanted.title, artists: [wanted.artist] };
  if (wanted.album) track.album = wanted.album;
  if (wanted.durationSec !== undefined) track.durationSec = wanted.durationSec;
  if (wanted.trackNumber !== undefined) track.trackNumber = wanted.trackNumber;
  return track;
}

/**
 * Why the engine's result is not a file to download unasked, or undefined when it is: only the engine's own
 * `match` verdict (at or above `minScore`) is downloaded — a "review" candidate (a bare title, a doubtful
 * spelling) is for people to pick, not for the queue.
 */
export function rejection(match: MatchResult, minScore: number): string | undefined {
  if (match.versionConflict) return match.breakdown.version?.detail ?? 'another version';
  const score = match.score.toFixed(2);
  if (match.score < minScore) return `match ${score} below ${minScore}${worstDetail(match)}`;
  if (!match.match) return `match ${score} not confident${worstDetail(match)}`;
  return undefined;
}

/** The heaviest penalty's explanation, for people reading a rejection. */
function worstDetail(match: MatchResult): string {
  let worst: { cost: number; detail: string } | undefined;
  for (const entry of Object.values(match.breakdown)) {
    const cost = entry.weight * entry.value;
    if (entry.detail && cost > 0 && (!worst || cost > worst.cost)) worst = { cost, detail: entry.detail };
  }
  return worst ? `: ${worst.detail}` : '';
}

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);
