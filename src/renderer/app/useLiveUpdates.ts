// Routes pushed events into client state: counters and queue state into the query cache, queue rows merged
// row by row, job progress into its store (the import's, the Qobuz sync's; Qobuz rows also feed the live sync
// view). Tab counts refresh when the queue counters move; a finished Qobuz sync refreshes the Qobuz status (it
// carries the run's summary). After a reconnect, everything is refetched once (events were missed).
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { CatalogCounters, QobuzStatusDto } from '../../shared/contract';
import { useApi } from '../api';
import { QUEUE_COUNT, queueCacheUpdaterFor } from '../features/downloads';
import { LIBRARY_KEY, useImportJobStore } from '../features/library';
import { QOBUZ_SYNC_JOB, qobuzStatusKey, useQobuzRunStore } from '../features/qobuz';
import { catalogStatusKey, queueStateKey } from '../features/status';
import { sourceStatesKey } from '../features/sources';
import { applyBackupJob, applySignIn } from '../features/backups';
import { applyMissingProgress, applyQueueRowsToPlaylists } from '../features/playlists';

const queueShape = (c: CatalogCounters | undefined) => (c ? `${c.queued}|${c.downloading}|${c.failed}` : '');

export function useLiveUpdates(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    const rows = queueCacheUpdaterFor(queryClient);
    let wasOpen = api.connectionState() === 'open';
    let countTimer: ReturnType<typeof setTimeout> | undefined;
    const refreshCounts = () => {
      countTimer ??= setTimeout(() => {
        countTimer = undefined;
        void queryClient.invalidateQueries({ queryKey: [QUEUE_COUNT] });
      }, 400);
    };
    // Track statuses shown in the Library follow the queue: refresh the pages on screen, at most twice a second.
    let libraryTimer: ReturnType<typeof setTimeout> | undefined;
    const refreshLibrary = () => {
      libraryTimer ??= setTimeout(() => {
        libraryTimer = undefined;
        void queryClient.invalidateQueries({ queryKey: [LIBRARY_KEY] });
      }, 500);
    };
    const offs = [
      api.on('catalog.status', (counters) => {
        refreshLibrary();
        const before = queryClient.getQueryData<CatalogCounters>(catalogStatusKey);
        queryClient.setQueryData(catalogStatusKey, counters);
        if (queueShape(before) !== queueShape(counters)) refreshCounts();
      }),
      api.on('queue.state', (state) => queryClient.setQueryData(queueStateKey, state)),
      api.on('sources.state', (states) => {
        queryClient.setQueryData(sourceStatesKey, states);
        // Rows say why they wait, and that depends on the sources: refetch what is on screen.
        void queryClient.invalidateQueries({ queryKey: ['queue.list'] });
      }),
      api.on('queue.rows', (changed) => {
        rows.apply(changed);
        if (changed.some((r) => r.trackId !== null)) refreshLibrary();
        useQobuzRunStore.getState().applyRows(changed);
        applyQueueRowsToPlaylists(queryClient, changed);
      }),
      api.on('job.progress', (p) => {
        if (p.job === 'import') useImportJobStore.getState().setProgress(p);
        if (p.job === QOBUZ_SYNC_JOB) {
          useQobuzRunStore.getState().applyProgress(p);
          // Finished: the status carries the summary. Started elsewhere (another window, a REST call): it says so.
          const known = queryClient.getQueryData<QobuzStatusDto>(qobuzStatusKey);
          if (p.finished || (known && !known.syncing)) void queryClient.invalidateQueries({ queryKey: qobuzStatusKey });
        }
      }),
      api.on('backups.job', (job) => applyBackupJob(queryClient, job)),
      api.on('spotify.signIn', (state) => applySignIn(queryClient, state)),
      api.on('missing.progress', (p) => applyMissingProgress(queryClient, p)),
      api.onConnectionChange((state) => {
        if (state === 'open' && !wasOpen) {
          rows.reset();
          void queryClient.invalidateQueries();
        }
        wasOpen = state === 'open';
      }),
    ];
    return () => {
      offs.forEach((off) => off());
      if (countTimer) clearTimeout(countTimer);
      if (libraryTimer) clearTimeout(libraryTimer);
    };
  }, [api, queryClient]);
}
