// TanStack Query defaults: pushed events keep data fresh, so no polling and no refetch on focus; a host that
// cannot be reached is not retried per query (the connection banner and reconnect handle that).
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => !(error instanceof ApiError && (error.code === 'unavailable' || error.code === 'invalid_input')) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}
