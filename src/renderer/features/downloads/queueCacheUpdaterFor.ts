// One updater per QueryClient, shared by the event stream and by actions that return updated rows.
import type { QueryClient } from '@tanstack/react-query';
import { createQueueCacheUpdater, type QueueCacheUpdater } from './queueCacheUpdater';

const updaters = new WeakMap<QueryClient, QueueCacheUpdater>();

export function queueCacheUpdaterFor(queryClient: QueryClient): QueueCacheUpdater {
  let u = updaters.get(queryClient);
  if (!u) updaters.set(queryClient, (u = createQueueCacheUpdater(queryClient)));
  return u;
}
