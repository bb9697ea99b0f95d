// How many rows each tab holds under the current search and source filter (one tiny query per view).
import { useQueries } from '@tanstack/react-query';
import { request, useApi } from '../../api';
import { DOWNLOAD_VIEWS, type DownloadView } from '../../app/route';
import { queueCountKey, type QueueFilter } from './queueCache';

export function useViewCounts(search: string, source: QueueFilter['source']): Partial<Record<DownloadView, number>> {
  const api = useApi();
  const results = useQueries({
    queries: DOWNLOAD_VIEWS.map((view) => ({
      queryKey: queueCountKey({ view, search, source }),
      queryFn: async () =>
        (await request(api, 'queue.list', { view, search: search || undefined, source: source ?? undefined, limit: 1 })).total,
      staleTime: 30_000,
    })),
  });
  const counts: Partial<Record<DownloadView, number>> = {};
  DOWNLOAD_VIEWS.forEach((view, i) => {
    const n = results[i]?.data;
    if (n !== undefined) counts[view] = n;
  });
  return counts;
}
