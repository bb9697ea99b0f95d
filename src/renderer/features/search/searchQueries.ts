// Soulseek searches as server data: start is a mutation, results a query polled once a second while the search
// runs (slskd hands results over only at completion, so there is nothing to stream before), download a mutation
// whose rows feed the Downloads cache.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../shared/contract';
import { request, useApi } from '../../api';
import { queueCacheUpdaterFor } from '../downloads';

export type SearchFiltersInput = NonNullable<MethodInput<'search.results'>['filters']>;

export const SEARCH_POLL_MS = 1_000;

export function useStartSearch() {
  const api = useApi();
  return useMutation({ mutationFn: (query: string) => request(api, 'search.start', { query }) });
}

export function useSearchResults(searchId: string | null, filters: SearchFiltersInput) {
  const api = useApi();
  return useQuery({
    queryKey: ['search.results', searchId, filters],
    queryFn: () => request(api, 'search.results', { searchId: searchId!, filters }),
    enabled: searchId !== null,
    placeholderData: (previous) => (previous && previous.searchId === searchId ? previous : undefined),
    refetchInterval: (q) => (q.state.data?.state === 'searching' ? SEARCH_POLL_MS : false),
    staleTime: Infinity,
    retry: false,
  });
}

export function useSearchDownload() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'search.download'>) => request(api, 'search.download', input),
    onSuccess: (result) => {
      queueCacheUpdaterFor(queryClient).apply(result.rows);
    },
  });
}
