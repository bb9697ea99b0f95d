// Server data for the Qobuz page: the account/folder/sync status. Actions put the status they return into the
// cache; a finished sync (job.progress) invalidates it (see useLiveUpdates) so the last run's summary arrives.
import { useQuery } from '@tanstack/react-query';
import { request, useApi } from '../../api';
import { useQobuzRunStore } from './qobuzRunStore';

export const qobuzStatusKey = ['qobuz.status'] as const;

export function useQobuzStatus() {
  const api = useApi();
  const finished = useQobuzRunStore((s) => s.run.progress?.finished ?? false);
  return useQuery({
    queryKey: qobuzStatusKey,
    queryFn: () => request(api, 'qobuz.status'),
    // The finish event arrived but the status still says "syncing" (it was read a moment too early): ask again.
    refetchInterval: (q) => (finished && q.state.data?.syncing ? 1000 : false),
  });
}
