// Server data for the headline counters and the queue's paused/running state. Both are kept fresh by pushed
// events (see useLiveUpdates); the queries load them once and after a reconnect.
import { useQuery } from '@tanstack/react-query';
import { request, useApi } from '../../api';

export const catalogStatusKey = ['catalog.status'] as const;
export const queueStateKey = ['queue.state'] as const;

export function useCatalogStatus() {
  const api = useApi();
  return useQuery({ queryKey: catalogStatusKey, queryFn: () => request(api, 'catalog.status') });
}

export function useQueueState() {
  const api = useApi();
  return useQuery({ queryKey: queueStateKey, queryFn: () => request(api, 'queue.state') });
}
