// Result → throw, for TanStack Query: a failed call becomes an ApiError carrying the contract's error code.
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { ErrorCode } from '../../shared/result';
import type { CassetteApi } from '../../shared/api';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function request<M extends MethodName>(api: CassetteApi, method: M, input?: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await api.call(method, input);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.data;
}
