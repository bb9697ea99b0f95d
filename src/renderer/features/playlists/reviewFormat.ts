// How the review list writes a Soulseek candidate: its length, its score and the engine's breakdown. Pure.
import type { ReviewCandidateDto } from '../../../shared/contract';

export function formatLength(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds <= 0) return null;
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export const scorePercent = (score: number): number => Math.round(score * 100);

const NAMES: Record<string, string> = { title: 'Title', artist: 'Artist', album: 'Album', length: 'Length', track_index: 'Track number', version: 'Version' };
const ORDER = ['title', 'artist', 'album', 'length', 'version', 'track_index'];

export interface BreakdownRow {
  name: string;
  /** What the engine saw: "agrees", or what differs ("17 s longer", "artist not named"). */
  text: string;
  agrees: boolean;
}

/** The penalties in reading order (title first), each as a person reads it. */
export function breakdownRows(breakdown: ReviewCandidateDto['breakdown']): BreakdownRow[] {
  const keys = Object.keys(breakdown).sort((a, b) => rank(a) - rank(b));
  return keys.map((k) => {
    const e = breakdown[k]!;
    const agrees = e.value === 0;
    return { name: NAMES[k] ?? k, agrees, text: agrees ? 'agrees' : (e.detail ?? `${Math.round(e.value * 100)}% different`) };
  });
}

const rank = (k: string) => {
  const i = ORDER.indexOf(k);
  return i < 0 ? ORDER.length : i;
};

/** One line for a hover title: "Title agrees · Artist: artist not named · Length agrees". */
export function breakdownSummary(breakdown: ReviewCandidateDto['breakdown']): string {
  return breakdownRows(breakdown).map((r) => (r.agrees ? `${r.name} agrees` : `${r.name}: ${r.text}`)).join(' · ');
}
