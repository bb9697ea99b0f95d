// Typed download failures every layer understands: the retry policy reads `type`, the UI shows `message`.

export type DownloadErrorType =
  | 'connection'
  | 'timeout'
  | 'not_found'
  | 'rejected'
  | 'parse'
  | 'storage'
  | 'corruption'
  | 'cancelled'
  /** No file was confident enough, but some were close: they wait for a person's pick (never retried on its own). */
  | 'needs_review'
  | 'unknown';

/** A failure with a type the retry policy understands. `not_found` is never retried automatically. */
export class DownloadError extends Error {
  constructor(
    readonly type: DownloadErrorType,
    message: string,
    /** Candidates (peer + file, ticket ids, format ids) that were tried, for the Failed view. */
    readonly tried: string[] = [],
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

/**
 * A user cancel that reached a flow after it took the fetched file over (a matched download being filed): the
 * flow rolled back what it wrote and keeps the fetched file where it was, so the queue must not delete it.
 */
export class CancelledKeepingFile extends DownloadError {
  constructor(message: string) {
    super('cancelled', message);
    this.name = 'CancelledKeepingFile';
  }
}

/**
 * The abort reason when the queue pauses or shuts down (not a user cancel): a source should keep what can be
 * resumed — the remote transfer or ticket, and the `.part` file — because the same request will run again.
 */
export class DownloadInterrupted extends DownloadError {
  constructor(why: 'paused' | 'shutdown') {
    super('cancelled', why === 'paused' ? 'Paused' : 'Interrupted by shutdown');
    this.name = 'DownloadInterrupted';
  }
}

export function isInterruption(signal: AbortSignal): boolean {
  return signal.aborted && signal.reason instanceof DownloadInterrupted;
}
