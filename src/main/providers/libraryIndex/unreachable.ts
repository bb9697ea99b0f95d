// "The library server is unreachable": refused, unresolvable, reset, or silent past the timeout. Anything else
// (a refused token, a parse failure) is a different problem the user fixes differently, so it is not this.
import { AppError } from '../../../shared/result';
import { HttpStatusError } from '../../net';
import type { ConnectorName } from './types';

/** A server that has not answered within this long is unreachable (the 10 s). */
export const UNREACHABLE_TIMEOUT_MS = 10_000;

export class LibraryUnreachableError extends AppError {
  constructor(
    readonly connector: ConnectorName,
    readonly origin: string,
    readonly reason: string,
  ) {
    super('unavailable', `The ${label(connector)} at ${origin} is unreachable: ${reason}.`);
    this.name = 'LibraryUnreachableError';
  }
}

export function label(connector: ConnectorName): string {
  return connector === 'folder' ? 'library folder' : connector === 'subsonic' ? 'Subsonic server' : `${connector[0]!.toUpperCase()}${connector.slice(1)} server`;
}

/** Why a request never got an answer, or undefined when the server did answer (an HTTP status, bad data). */
export function unreachableReason(e: unknown): string | undefined {
  if (e instanceof HttpStatusError) return undefined;
  const cause = (e as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (e as { code?: string }).code;
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was reset';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'the host cannot be reached';
  if (e instanceof Error && /timed out/i.test(e.message)) return 'it did not answer in time';
  if (e instanceof TypeError && /fetch failed/i.test(e.message)) return 'the connection failed';
  return undefined;
}

/** Rethrows a network failure as `LibraryUnreachableError`; anything else unchanged. */
export function asUnreachable(e: unknown, connector: ConnectorName, origin: string): unknown {
  const reason = unreachableReason(e);
  return reason ? new LibraryUnreachableError(connector, origin, reason) : e;
}

/** A refused credential, said the way the user fixes it. */
export function authRefused(connector: ConnectorName, secretName: string): AppError {
  return new AppError('auth_required', `The ${label(connector)} refused the credentials: check ${secretName}.`);
}

/**
 * Runs a first request (asked without retries, so a refused or silent server is said at once) again, once, when
 * the connection was reset: a kept-alive connection the server closed while this process was busy (a long
 * refresh's final write) is only found dead when it is reused, and a new connection is all it takes.
 */
export async function againOnReset<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (unreachableReason(e) !== 'the connection was reset') throw e;
    return fn();
  }
}
