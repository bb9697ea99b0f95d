// Typed failures of the Qobuz client, each with a message a user can act on and the shared ErrorCode for the edge.
import type { ErrorCode } from '../../../shared/result';

export type QobuzErrorCode =
  | 'auth_password_rejected'
  | 'auth_invalid_token'
  | 'auth_required'
  | 'app_id_rejected'
  | 'bad_signature'
  | 'discovery_failed'
  | 'not_found'
  | 'rate_limited'
  | 'unavailable'
  | 'endpoint_gone'
  | 'waf_blocked'
  | 'incomplete_listing'
  | 'invalid_response'
  | 'oauth_failed';

const APP_CODES: Record<QobuzErrorCode, ErrorCode> = {
  auth_password_rejected: 'auth_required',
  auth_invalid_token: 'auth_expired',
  auth_required: 'auth_required',
  app_id_rejected: 'unavailable',
  bad_signature: 'unavailable',
  discovery_failed: 'unavailable',
  not_found: 'not_found',
  rate_limited: 'rate_limited',
  unavailable: 'unavailable',
  endpoint_gone: 'unavailable',
  waf_blocked: 'unavailable',
  incomplete_listing: 'unavailable',
  invalid_response: 'unavailable',
  oauth_failed: 'auth_required',
};

export class QobuzError extends Error {
  /** The shared code for Result values crossing IPC/REST. */
  readonly appCode: ErrorCode;

  constructor(
    readonly code: QobuzErrorCode,
    message: string,
    /** HTTP status when the failure came from a response. */
    readonly status?: number,
    /** How long Qobuz asked us to wait (429), when known. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'QobuzError';
    this.appCode = APP_CODES[code];
  }
}

export const PASSWORD_REJECTED_MESSAGE =
  'Qobuz no longer accepts e-mail/password login (it answers 401 since about April 2026). ' +
  'Set QOBUZ_TOKEN to the user auth token of a logged-in web player (play.qobuz.com), ' +
  'or run `qoget login` to sign in through the browser.';
