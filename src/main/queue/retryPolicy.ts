// When to try again: min(60 s × 2.5^n, 24 h), up to 8 attempts; some errors can never improve by waiting.
import type { DownloadErrorType } from '../base';

export const RETRY_BASE_MS = 60_000;
export const RETRY_FACTOR = 2.5;
export const RETRY_CAP_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_RETRIES = 8;

/** Cooldown after the (n+1)-th failure, n = failures before this one. */
export function retryDelayMs(previousFailures: number): number {
  return Math.min(RETRY_BASE_MS * RETRY_FACTOR ** Math.max(0, previousFailures), RETRY_CAP_MS);
}

/**
 * What waiting can fix, named one by one: any other type (not_found will not appear by waiting, a cancel is the
 * user's word, needs_review waits for the user's pick, and a type added later) is not retried until asked.
 */
const RETRYABLE: ReadonlySet<DownloadErrorType> = new Set<DownloadErrorType>(['connection', 'timeout', 'rejected', 'parse', 'storage', 'corruption', 'unknown']);

export function isRetryable(type: DownloadErrorType): boolean {
  return RETRYABLE.has(type);
}
