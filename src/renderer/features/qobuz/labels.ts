// Words the user sees on the Qobuz page: why a track is planned, where the credentials come from, why a sync
// stopped, and what a failed sign-in means.
import type { QobuzPreviewDto, QobuzStatusDto } from '../../../shared/contract';
import type { ApiError } from '../../api';

export type PlanReason = QobuzPreviewDto['planned'][number]['reason'];

export const REASON_LABELS: Record<PlanReason, string> = {
  new: 'New',
  missing: 'File missing',
  wrong_size: 'Wrong size',
  unreadable: 'Not this track',
};

export const REASON_HINTS: Record<PlanReason, string> = {
  new: 'Not downloaded before',
  missing: 'Downloaded before, but the file is gone',
  wrong_size: 'The file at its place has the wrong size',
  unreadable: 'The file at its place is not this track',
};

type Credentials = NonNullable<QobuzStatusDto['credentials']>;

export const CREDENTIAL_LABELS: Record<Credentials, string> = {
  stored: 'Token saved by Cassette',
  env: 'Token from the QOBUZ_TOKEN environment variable',
  config: 'Token from qoget’s config.toml',
  password: 'Username and password from the configuration',
};

type Stop = NonNullable<NonNullable<QobuzStatusDto['lastSync']>['stopped']>;

export const STOP_LABELS: Record<Stop, string> = {
  cancelled: 'Stopped by you. The tracks not downloaded yet were cancelled; start a sync to fetch them.',
  interrupted: 'Interrupted. The tracks not downloaded yet stay queued for the next sync.',
  disk_full: 'Stopped: the disk is full. Free some space, then start the sync again.',
};

/** What a failed sign-in means, in words that say what to do. `connected`: Cassette itself could be reached. */
export function signInErrorText(e: ApiError, connected: boolean): { title: string; message: string } {
  if (!connected) return { title: 'Cassette isn’t connected', message: 'Sign in again once the connection is back.' };
  switch (e.code) {
    case 'auth_expired':
    case 'auth_required':
      return {
        title: 'Qobuz didn’t accept this token',
        message:
          'It may have expired, been revoked, or been copied only in part. Copy it again from a logged-in web player, or run qoget login.',
      };
    case 'unavailable':
      return { title: 'Couldn’t reach Qobuz', message: `${sentence(e.message)} Check this computer’s internet connection and try again.` };
    case 'rate_limited':
      return { title: 'Qobuz asked us to slow down', message: `${sentence(e.message)} Wait a minute, then try again.` };
    default:
      return { title: 'Sign-in failed', message: e.message };
  }
}

/** A message from the core as a sentence (they do not always end with a full stop). */
export const sentence = (m: string): string => (/[.!?)]$/.test(m.trim()) ? m.trim() : `${m.trim()}.`);

export const plural = (n: number, one: string, many = `${one}s`): string => (n === 1 ? one : many);
