// Turns what the ticket service says (a failed ticket, an HTTP error) into DownloadErrors the retry policy
// understands, with messages a user can act on. Pure.
import { HttpParseError, HttpStatusError } from '../../net';
import { DownloadError } from '../../base';
import type { TicketFailure } from './ticketSchemas';

const NOT_FOUND_CODES = new Set(['not_found', 'no_match', 'no_results', 'unavailable_release']);
const NOT_FOUND_REASON = /\bnot found\b|\bno (?:match|matches|release|releases|result|results|source|sources)\b|\bnothing found\b/i;

/** A failed ticket: retryable → `connection` (try later), else `not_found` (nothing to get) or `rejected`. */
export function downloadErrorFromFailure(ticketId: string, failure: TicketFailure, tried: string[] = []): DownloadError {
  const why = failure.reason || failure.code || 'no reason given';
  if (failure.retryable) {
    return new DownloadError('connection', `Ticket ${ticketId} failed for now (${why}); it can be retried later.`, tried);
  }
  const notFound = (failure.code !== undefined && NOT_FOUND_CODES.has(failure.code)) || NOT_FOUND_REASON.test(why);
  if (notFound) return new DownloadError('not_found', `The ticket service found nothing for this track (${why}).`, tried);
  return new DownloadError('rejected', `The ticket service turned the request down (${why}).`, tried);
}

/** Any error from talking to the service, as a DownloadError (DownloadErrors pass through unchanged). */
export function downloadErrorFromRequest(e: unknown, tried: string[] = []): DownloadError {
  if (e instanceof DownloadError) return e;
  if (e instanceof HttpStatusError) {
    if (e.status === 401 || e.status === 403) {
      return new DownloadError('rejected', `The ticket service refused the API token (HTTP ${e.status}); check it in Settings.`, tried);
    }
    if (e.status === 400 || e.status === 422) {
      return new DownloadError('rejected', `The ticket service rejected the request: ${serviceMessage(e.bodyText)}`, tried);
    }
    if (e.status === 404) return new DownloadError('connection', 'The ticket service has no such endpoint (HTTP 404); check its address.', tried);
    return new DownloadError('connection', `The ticket service answered HTTP ${e.status}; will try again later.`, tried);
  }
  if (e instanceof HttpParseError) return new DownloadError('parse', e.message, tried);
  const message = e instanceof Error ? e.message : String(e);
  if (/timed out|timeout/i.test(message)) return new DownloadError('timeout', `The ticket service did not answer in time (${message}).`, tried);
  return new DownloadError('connection', `Could not reach the ticket service (${message}).`, tried);
}

function serviceMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'error' in parsed) {
      const err = (parsed as { error: unknown }).error;
      if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string') return err.message;
    }
  } catch {
    /* not JSON: fall through */
  }
  return body.slice(0, 200) || 'no details';
}
