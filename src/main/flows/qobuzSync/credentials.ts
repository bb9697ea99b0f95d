// Which Qobuz credentials to use and signing in with them. Order: a token from the environment, from
// config.toml, the one `qoget login` stored in the SecretStore, then username/password (which Qobuz refuses since
// 2026, with a message saying what to do instead). Failures become AppErrors a user can act on; no secret is ever
// part of a message.
import { AppError } from '../../../shared/result';
import type { SecretStore } from '../../base';
import { PASSWORD_REJECTED_MESSAGE, QobuzClient, QobuzError, type QobuzClientOptions, type QobuzUser } from '../../sources';
import type { LoadedQobuzConfig } from './config';

/** The SecretStore entry `qoget login` and `qobuz.signIn` write. */
export const QOBUZ_TOKEN_SECRET = 'qobuz.token';

export type CredentialSource = 'env' | 'config' | 'stored';

export type QobuzCredentials =
  | { kind: 'token'; token: string; source: CredentialSource }
  | { kind: 'password'; username: string; password: string; source: 'env' | 'config' }
  | { kind: 'none' };

export async function resolveCredentials(config: LoadedQobuzConfig, secrets: SecretStore | undefined): Promise<QobuzCredentials> {
  const s = config.settings;
  if (s.token) return { kind: 'token', token: s.token, source: config.origin.token ?? 'config' };
  const stored = await secrets?.get(QOBUZ_TOKEN_SECRET);
  if (stored) return { kind: 'token', token: stored, source: 'stored' };
  if (s.username && s.password) {
    const source = config.origin.password === 'env' || config.origin.username === 'env' ? 'env' : 'config';
    return { kind: 'password', username: s.username, password: s.password, source };
  }
  return { kind: 'none' };
}

export function credentialLabel(c: QobuzCredentials, configPath: string): string {
  if (c.kind === 'none') return 'no credentials';
  if (c.kind === 'password') return c.source === 'env' ? 'QOBUZ_USERNAME/QOBUZ_PASSWORD' : `username/password in ${configPath}`;
  if (c.source === 'env') return 'QOBUZ_TOKEN';
  if (c.source === 'config') return `the token in ${configPath}`;
  return 'the token saved by `qoget login`';
}

export function noCredentialsError(configPath: string): AppError {
  return new AppError(
    'auth_required',
    `No Qobuz credentials. Run \`qoget login\` to sign in through the browser, or set QOBUZ_TOKEN (or token = "…" in ${configPath}) to the user auth token of a logged-in web player.`,
  );
}

/** Logs in with the credentials; every failure is an AppError whose message says what to do. */
export async function signInQobuz(client: QobuzClient, creds: QobuzCredentials, configPath: string): Promise<QobuzUser> {
  if (creds.kind === 'none') throw noCredentialsError(configPath);
  try {
    return creds.kind === 'token' ? await client.loginWithToken(creds.token) : await client.loginWithPassword(creds.username, creds.password);
  } catch (e) {
    throw signInError(e, creds, configPath);
  }
}

/** The message for a token Qobuz no longer accepts, wherever that is found out (sign-in or a later call). */
export function tokenRejectedError(creds: QobuzCredentials, configPath: string, from = credentialLabel(creds, configPath)): AppError {
  return new AppError(
    'auth_expired',
    `Qobuz rejected ${from} (HTTP 401): it expired, was revoked, or was made for another app_id. ` +
      'Run `qoget login` again, or copy a fresh token from a logged-in web player into QOBUZ_TOKEN.',
  );
}

function signInError(e: unknown, creds: QobuzCredentials, configPath: string): AppError {
  if (!(e instanceof QobuzError)) return new AppError('unavailable', `Could not sign in to Qobuz: ${e instanceof Error ? e.message : String(e)}`);
  const from = credentialLabel(creds, configPath);
  switch (e.code) {
    case 'auth_password_rejected':
      return new AppError('auth_required', PASSWORD_REJECTED_MESSAGE);
    case 'auth_invalid_token':
    case 'auth_required':
      return tokenRejectedError(creds, configPath, from);
    case 'app_id_rejected':
      return new AppError('auth_required', `${e.message} Check QOBUZ_APP_ID (or app_id in ${configPath}), or unset it.`);
    default:
      return new AppError(e.appCode, e.message);
  }
}

/** Turns a QobuzError (or anything) into the AppError the edges understand. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof QobuzError) return new AppError(e.appCode, e.message);
  return new AppError('internal', e instanceof Error ? e.message : String(e));
}

export interface QobuzClientFactoryInput {
  config: LoadedQobuzConfig;
  /** Where the app_id/secret discovery cache lives. */
  cacheDir: string;
  /** Tuning (tests, benchmarks): rate, retries, backoff, timeouts. */
  overrides?: Partial<QobuzClientOptions>;
}

export function createQobuzClient(i: QobuzClientFactoryInput): QobuzClient {
  const s = i.config.settings;
  return new QobuzClient({
    ...(s.apiBase ? { apiBase: s.apiBase } : {}),
    ...(s.webBase ? { webBase: s.webBase } : {}),
    ...(s.appId ? { appId: s.appId } : {}),
    ...(s.appSecret ? { appSecret: s.appSecret } : {}),
    ...(s.requestsPerSecond ? { requestsPerSecond: s.requestsPerSecond } : {}),
    cacheDir: i.cacheDir,
    ...i.overrides,
  });
}

/** A short, non-secret way to name the account. */
export function describeQobuzUser(u: QobuzUser): string {
  return u.login || u.email || `user ${u.id}`;
}
