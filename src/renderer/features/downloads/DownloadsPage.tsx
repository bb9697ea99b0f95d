// Downloads: every request in the queue by state, searchable, live.
import { useId } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request, useApi } from '../../api';
import type { DownloadView } from '../../app/route';
import { Button, EmptyState, Icon } from '../../components';
import { formatCount } from '../../format';
import { PageHeader } from '../shell';
import { useQueueState } from '../status';
import { DownloadList } from './DownloadList';
import { DownloadTabs, panelId, tabId } from './DownloadTabs';
import { useDownloadsFilterStore } from './downloadsFilterStore';
import { FILTER_SOURCES, SOURCE_LABELS, VIEW_LABELS } from './labels';
import { QUEUE_COUNT, QUEUE_LIST, type QueueSource } from './queueCache';
import { useDebouncedValue } from './useDebouncedValue';
import { useViewCounts } from './useViewCounts';

export function DownloadsPage({ view }: { view: DownloadView }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const searchId = useId();
  const sourceId = useId();
  const { search, source, setSearch, setSource, clear } = useDownloadsFilterStore();
  const settledSearch = useDebouncedValue(search.trim(), 250);
  const counts = useViewCounts(settledSearch, source);
  const queue = useQueueState();

  const clearFinished = useMutation({
    mutationFn: () => request(api, 'queue.clearFinished'),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [QUEUE_LIST, 'finished'] });
      void queryClient.invalidateQueries({ queryKey: [QUEUE_COUNT] });
    },
  });

  const filtered = Boolean(settledSearch || source);
  const filter = { view, search: settledSearch, source };
  const label = `${VIEW_LABELS[view]} downloads`;

  return (
    <>
      <PageHeader
        title="Downloads"
        subtitle={queue.data?.paused ? 'All downloads are paused. Resume them from the top bar.' : 'Everything Cassette is fetching, waiting for, or has finished.'}
        actions={
          <Button
            icon="trash"
            onClick={() => clearFinished.mutate()}
            busy={clearFinished.isPending}
            disabled={counts.finished === 0 && !clearFinished.isPending}
          >
            Clear finished
          </Button>
        }
      />
      <div className="downloads-toolbar">
        <div className="search-field">
          <label htmlFor={searchId} className="visually-hidden">
            Search downloads
          </label>
          <Icon name="search" size={16} />
          <input
            id={searchId}
            type="search"
            className="input"
            placeholder="Search title or artist"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            maxLength={200}
          />
        </div>
        <label htmlFor={sourceId} className="visually-hidden">
          Source
        </label>
        <select id={sourceId} className="select" value={source ?? ''} onChange={(e) => setSource((e.target.value || null) as QueueSource | null)}>
          <option value="">All sources</option>
          {FILTER_SOURCES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABELS[s]}
            </option>
          ))}
        </select>
        <div role="status" className="toolbar-status">
          {clearFinished.data ? `Cleared ${formatCount(clearFinished.data.removed)} finished downloads.` : ''}
          {clearFinished.isError ? `Couldn't clear: ${clearFinished.error.message}` : ''}
        </div>
      </div>

      <DownloadTabs current={view} counts={counts} />
      <DownloadList
        key={view}
        filter={filter}
        label={label}
        panel={{ id: panelId(view), 'aria-labelledby': tabId(view) }}
        empty={
          filtered ? (
            <EmptyState
              icon="search"
              title="No downloads match"
              actions={
                <Button size="sm" onClick={clear}>
                  Clear filters
                </Button>
              }
            >
              <p>Nothing in {VIEW_LABELS[view].toLowerCase()} matches {settledSearch ? `“${settledSearch}”` : 'this source'}.</p>
            </EmptyState>
          ) : (
            <EmptyForView view={view} paused={queue.data?.paused ?? false} />
          )
        }
      />
    </>
  );
}

function EmptyForView({ view, paused }: { view: DownloadView; paused: boolean }) {
  switch (view) {
    case 'active':
      return (
        <EmptyState icon="download" title="Nothing downloading right now">
          <p>{paused ? 'Downloads are paused. Press “Resume all” in the top bar to continue.' : 'Queued tracks start here on their own as soon as a source is free.'}</p>
        </EmptyState>
      );
    case 'queued':
      return (
        <EmptyState icon="check" title="The queue is empty">
          <p>Missing tracks are queued automatically when Cassette reconciles your library.</p>
        </EmptyState>
      );
    case 'finished':
      return (
        <EmptyState icon="check" title="No finished downloads">
          <p>Completed and cancelled downloads are listed here until you clear them.</p>
        </EmptyState>
      );
    case 'failed':
      return (
        <EmptyState icon="check" title="No failed downloads">
          <p>When a track can't be fetched, it shows up here with the reason and every candidate that was tried.</p>
        </EmptyState>
      );
  }
}
