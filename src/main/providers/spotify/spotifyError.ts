// Typed Spotify errors, each with a message that says what to do. `appCode` maps them onto the contract's codes.
import { AppError, type ErrorCode } from '../../../shared/result';

export type SpotifyErrorCode =
  | 'auth_expired'
  | 'not_allowlisted'
  | 'premium_required'
  | 'quota_exceeded'
  | 'rate_limited'
  | 'not_found'
  | 'forbidden'
  | 'invalid_input'
  | 'unavailable';

const APP_CODE: Record<SpotifyErrorCode, ErrorCode> = {
  auth_expired: 'auth_expired',
  not_allowlisted: 'auth_required',
  premium_required: 'auth_required',
  quota_exceeded: 'limit_exceeded',
  rate_limited: 'rate_limited',
  not_found: 'not_found',
  forbidden: 'auth_required',
  invalid_input: 'invalid_input',
  unavailable: 'unavailable',
};

export class SpotifyError extends AppError {
  constructor(
    readonly spotifyCode: SpotifyErrorCode,
    message: string,
    /** For rate_limited / quota_exceeded: how long Spotify asked us to wait, when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(APP_CODE[spotifyCode], message);
    this.name = 'SpotifyError';
  }

  /** Sign-in problems: the account must be signed in again or allowed into the app. */
  get isSignInProblem(): boolean {
    return this.spotifyCode === 'auth_expired' || this.spotifyCode === 'not_allowlisted' || this.spotifyCode === 'premium_required';
  }
}

export function signInAgain(account: string): SpotifyError {
  return new SpotifyError('auth_expired', `The Spotify sign-in of account "${account}" is no longer valid: run \`cassette spotify login --account ${account}\` to sign in again.`);
}
