// Routes pushed events into client state: counters and queue state into the query cache, queue rows merged
// row by row, job progress into its store. After a reconnect, everything is refetched once (events were missed).
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api';
import { queueCacheUpdaterFor } from '../features/downloads';
import { useImportJobStore } from '../features/library';
import { catalogStatusKey, queueStateKey } from '../features/status';

export function useLiveUpdates(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    const rows = queueCacheUpdaterFor(queryClient);
    let wasOpen = api.connectionState() === 'open';
    const offs = [
      api.on('catalog.status', (counters) => queryClient.setQueryData(catalogStatusKey, counters)),
      api.on('queue.state', (state) => queryClient.setQueryData(queueStateKey, state)),
      api.on('queue.rows', (changed) => rows.apply(changed)),
      api.on('job.progress', (p) => {
        if (p.job === 'import') useImportJobStore.getState().setProgress(p);
      }),
      api.onConnectionChange((state) => {
        if (state === 'open' && !wasOpen) {
          rows.reset();
          void queryClient.invalidateQueries();
        }
        wasOpen = state === 'open';
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [api, queryClient]);
}
