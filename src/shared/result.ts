// Errors cross every boundary (IPC, WebSocket, REST) as values: Electron IPC strips Error objects.
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'auth_expired'
  | 'auth_required'
  | 'forbidden'
  | 'rate_limited'
  | 'limit_exceeded'
  | 'disk_full'
  | 'conflict'
  | 'catalog_damaged'
  | 'unavailable'
  | 'internal';

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const err = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

/** An error that carries a user-facing code; thrown inside the core, turned into a Result at the edge. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
