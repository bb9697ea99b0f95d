// Cancel, retry and re-prioritise one queue row. The host answers with the updated row, which goes straight into
// the cache (the pushed event that follows changes nothing further).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueueRow } from '../../../shared/contract';
import { request, useApi } from '../../api';
import { queueCacheUpdaterFor } from './queueCacheUpdaterFor';

export function useRowActions(id: number) {
  const api = useApi();
  const queryClient = useQueryClient();
  const applyRow = (row: QueueRow | null) => {
    if (row) queueCacheUpdaterFor(queryClient).apply([row]);
  };
  const cancel = useMutation({ mutationFn: () => request(api, 'queue.cancel', { id }), onSuccess: applyRow });
  const retry = useMutation({ mutationFn: () => request(api, 'queue.retry', { id }), onSuccess: applyRow });
  const setPriority = useMutation({
    mutationFn: (priority: QueueRow['priority']) => request(api, 'queue.setPriority', { id, priority }),
    onSuccess: applyRow,
  });
  const error = cancel.error ?? retry.error ?? setPriority.error;
  return { cancel, retry, setPriority, error };
}
