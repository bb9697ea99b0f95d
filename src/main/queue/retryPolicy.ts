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

/** not_found will not appear by waiting, and a cancel is the user's word: neither is retried until asked. */
export function isRetryable(type: DownloadErrorType): boolean {
  return type !== 'not_found' && type !== 'cancelled';
}
