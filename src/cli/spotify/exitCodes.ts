// Exit codes of the Spotify and backup commands (documented in the README and in each command's help).
import { SpotifyError } from '../../main/providers';
import { AppError } from '../../shared/result';
import { EXIT } from '../output';

export const SPOTIFY_EXIT = { ...EXIT, paused: 5 } as const;

/** Prints one line on stderr and returns the exit code for an error thrown by a Spotify command. */
export function reportError(e: unknown): number {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  if (e instanceof SpotifyError) {
    if (e.isSignInProblem) return SPOTIFY_EXIT.auth;
    if (e.spotifyCode === 'invalid_input') return SPOTIFY_EXIT.usage;
    if (e.spotifyCode === 'quota_exceeded' || e.spotifyCode === 'rate_limited') return SPOTIFY_EXIT.paused;
    return SPOTIFY_EXIT.failure;
  }
  if (e instanceof AppError && e.code === 'invalid_input') return SPOTIFY_EXIT.usage;
  return SPOTIFY_EXIT.failure;
}
