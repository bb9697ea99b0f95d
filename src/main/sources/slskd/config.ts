// Settings for the slskd source, validated with zod where they enter (settings file, UI).
import { z } from 'zod';
import { DEFAULT_QUALITY_LADDER, QualityTierSchema } from './quality';
import { DEFAULT_SEARCH_BUDGET } from './searchBudget';

export const SearchBudgetSchema = z.object({
  maxSearches: z.number().int().positive(),
  windowMs: z.number().int().nonnegative(),
  minGapMs: z.number().int().nonnegative(),
});

export const SlskdConfigSchema = z.object({
  /** slskd origin, e.g. http://localhost:5030. */
  baseUrl: z.url(),
  apiKey: z.string().min(1),
  /** slskd's downloads directory as seen from Cassette's machine. */
  downloadsDir: z.string().min(1),
  /** Give up on a transfer whose bytes have not moved for this long (queued or running). */
  stallMs: z.number().int().positive().default(180_000),
  pollMs: z.number().int().positive().default(1_000),
  /** slskd's search inactivity timeout. */
  searchTimeoutMs: z.number().int().positive().default(15_000),
  /** Worst acceptable tier; anything below is never downloaded. */
  minQuality: QualityTierSchema.default('mp3-192'),
  /** Best first; tiers left out are never downloaded. */
  qualityLadder: z.array(QualityTierSchema).min(1).default([...DEFAULT_QUALITY_LADDER]),
  budget: SearchBudgetSchema.default({ ...DEFAULT_SEARCH_BUDGET }),
  /** Candidates below this match score are not downloaded. */
  minMatchScore: z.number().min(0).max(1).default(0.7),
  /** Most candidates tried for one track before giving up. */
  maxAttempts: z.number().int().positive().default(8),
  responseLimit: z.number().int().positive().default(100),
  fileLimit: z.number().int().positive().default(10_000),
  maximumPeerQueueLength: z.number().int().nonnegative().default(1_000),
  searchCacheTtlMs: z.number().int().nonnegative().default(15 * 60_000),
});

/** Parsed configuration (defaults applied). */
export type SlskdConfig = z.infer<typeof SlskdConfigSchema>;
/** What callers may pass (defaults optional). */
export type SlskdConfigInput = z.input<typeof SlskdConfigSchema>;

export function parseSlskdConfig(input: unknown): SlskdConfig {
  const parsed = SlskdConfigSchema.safeParse(input);
  if (!parsed.success) {
    // Never echo the input: it holds the API key.
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid slskd settings: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
