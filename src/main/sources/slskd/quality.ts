// Audio quality tiers of Soulseek files and the preference ladder used to rank them. Pure.
import { z } from 'zod';

export const QUALITY_TIERS = [
  'flac-24',
  'flac-16',
  'mp3-320',
  'mp3-v0',
  'mp3-256',
  'aac-256',
  'mp3-v2',
  'mp3-192',
  'ogg',
  'opus',
  'mp3-160',
  'aac-low',
  'mp3-128',
  'mp3-low',
] as const;
export type QualityTier = (typeof QUALITY_TIERS)[number];
export const QualityTierSchema = z.enum(QUALITY_TIERS);

/** Best first. Tiers missing from a configured ladder are never downloaded. */
export const DEFAULT_QUALITY_LADDER: readonly QualityTier[] = QUALITY_TIERS;

const LABELS: Record<QualityTier, string> = {
  'flac-24': 'FLAC 24-bit',
  'flac-16': 'FLAC 16-bit',
  'mp3-320': 'MP3 320',
  'mp3-v0': 'MP3 V0',
  'mp3-256': 'MP3 256',
  'aac-256': 'AAC 256',
  'mp3-v2': 'MP3 V2',
  'mp3-192': 'MP3 192',
  ogg: 'Ogg Vorbis',
  opus: 'Opus',
  'mp3-160': 'MP3 160',
  'aac-low': 'AAC < 256',
  'mp3-128': 'MP3 128',
  'mp3-low': 'MP3 < 128',
};
export const qualityLabel = (t: QualityTier): string => LABELS[t];

export interface FileAudioFacts {
  /** Lower-case extension without the dot. */
  ext: string;
  bitRate?: number;
  bitDepth?: number;
  isVariableBitRate?: boolean;
  size?: number;
  lengthSec?: number;
}

/** The tier of a file from what its peer announced, or undefined for formats we do not take (wav, wma, ape, ...). */
export function classifyQuality(f: FileAudioFacts): QualityTier | undefined {
  const kbps = f.bitRate ?? estimateKbps(f);
  switch (f.ext) {
    case 'flac':
      return (f.bitDepth ?? 16) > 16 ? 'flac-24' : 'flac-16';
    case 'mp3':
      if (kbps === undefined) return 'mp3-low';
      if (f.isVariableBitRate) return kbps >= 220 ? 'mp3-v0' : kbps >= 170 ? 'mp3-v2' : kbps >= 128 ? 'mp3-128' : 'mp3-low';
      return kbps >= 315 ? 'mp3-320' : kbps >= 250 ? 'mp3-256' : kbps >= 190 ? 'mp3-192' : kbps >= 160 ? 'mp3-160' : kbps >= 128 ? 'mp3-128' : 'mp3-low';
    case 'm4a':
    case 'aac':
      return kbps !== undefined && kbps >= 250 ? 'aac-256' : 'aac-low';
    case 'ogg':
      return 'ogg';
    case 'opus':
      return 'opus';
    default:
      return undefined;
  }
}

function estimateKbps(f: FileAudioFacts): number | undefined {
  if (!f.size || !f.lengthSec) return undefined;
  return (f.size * 8) / f.lengthSec / 1000;
}

/** Position in the ladder (0 = best), or undefined when the tier is not acceptable at all. */
export function ladderRank(
  tier: QualityTier | undefined,
  ladder: readonly QualityTier[],
  minimum: QualityTier,
): number | undefined {
  if (tier === undefined) return undefined;
  const rank = ladder.indexOf(tier);
  if (rank < 0) return undefined;
  const floor = ladder.indexOf(minimum);
  if (floor >= 0 && rank > floor) return undefined;
  return rank;
}

/**
 * The person's download preference, on the Search page's scale: lossless is always preferred, and the choice is
 * the worst quality still downloaded — `lossless` (FLAC only), `mp3-320` ("prefer FLAC, accept MP3 320"),
 * `mp3-v0`, `mp3-256`, `mp3-192` (the default) or `any`.
 */
export const MIN_QUALITY_CHOICES = ['lossless', 'mp3-320', 'mp3-v0', 'mp3-256', 'mp3-192', 'any'] as const;
export type MinQualityChoice = (typeof MIN_QUALITY_CHOICES)[number];
export const MinQualityChoiceSchema = z.enum(MIN_QUALITY_CHOICES);
export const DEFAULT_MIN_QUALITY: MinQualityChoice = 'mp3-192';

/** A preference as the source's `minQuality` and `qualityLadder`: the default ladder, cut at the minimum. */
export function qualityPolicy(choice: MinQualityChoice): { minQuality: QualityTier; qualityLadder: QualityTier[] } {
  const floor: QualityTier = choice === 'lossless' ? 'flac-16' : choice === 'any' ? 'mp3-low' : choice;
  const ladder = DEFAULT_QUALITY_LADDER.slice(0, DEFAULT_QUALITY_LADDER.indexOf(floor) + 1);
  return { minQuality: floor, qualityLadder: ladder };
}
