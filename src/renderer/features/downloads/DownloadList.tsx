// The virtualised queue list: only the rows on screen exist in the DOM, and only the pages under them are
// fetched, so 10,000 (or 100,000) rows scroll as smoothly as ten.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ApiError, request, useApi } from '../../api';
import { EmptyState, ErrorNotice } from '../../components';
import { COLUMNS } from './columns';
import { DownloadRow } from './DownloadRow';
import { pagesFor, queuePageKey, rowAt, PAGE_SIZE, type QueueFilter, type QueuePage } from './queueCache';
import { useNow } from './useNow';

const ROW_ESTIMATE = 68;

export interface PanelProps {
  id: string;
  'aria-labelledby': string;
}

export function DownloadList({ filter, label, empty, panel }: { filter: QueueFilter; label: string; empty: ReactNode; panel: PanelProps }) {
  const api = useApi();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [pageRange, setPageRange] = useState({ first: 0, last: 0 });
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const now = useNow(30_000);

  const pages = useMemo(() => pagesFor(pageRange.first * PAGE_SIZE, pageRange.last * PAGE_SIZE), [pageRange]);
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: queuePageKey(filter, page),
      queryFn: (): Promise<QueuePage> =>
        request(api, 'queue.list', {
          view: filter.view,
          search: filter.search || undefined,
          source: filter.source ?? undefined,
          limit: PAGE_SIZE,
          offset: page * PAGE_SIZE,
        }),
      staleTime: 30_000,
      placeholderData: page === 0 ? keepPreviousData : undefined,
    })),
  });

  const loaded = new Map<number, QueuePage>();
  pages.forEach((page, i) => {
    const data = results[i]?.data;
    if (data) loaded.set(page, data);
  });
  const first = results[0];
  const total = first?.data?.total ?? 0;

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
    getItemKey: (index) => rowAt(loaded, index)?.id ?? `slot-${index}`,
    onChange: (v) => {
      const items = v.getVirtualItems();
      const a = items[0]?.index ?? 0;
      const b = items[items.length - 1]?.index ?? 0;
      const next = { first: Math.floor(a / PAGE_SIZE), last: Math.floor(b / PAGE_SIZE) };
      setPageRange((prev) => (prev.first === next.first && prev.last === next.last ? prev : next));
    },
  });

  // A new search or source starts at the top.
  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [filter.search, filter.source, virtualizer]);

  const toggle = useCallback((id: number) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  let body: ReactNode;
  if (first?.isError && !first.data && first.error instanceof ApiError && first.error.code === 'unavailable') {
    body = (
      <EmptyState icon="wifiOff" title="Waiting for Cassette">
        <p>This list loads as soon as the connection is back.</p>
      </EmptyState>
    );
  } else if (first?.isError && !first.data) {
    body = <ErrorNotice title="Couldn't load downloads" message={first.error.message} onRetry={() => void first.refetch()} />;
  } else if (!first?.data) {
    body = <SkeletonRows view={filter.view} />;
  } else if (total === 0) {
    body = empty;
  } else {
    body = (
      <div role="list" aria-label={label} className="dl-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rowAt(loaded, item.index);
          if (!row) {
            return (
              <div
                key={item.key}
                role="listitem"
                aria-label="Loading"
                aria-busy="true"
                aria-setsize={total}
                aria-posinset={item.index + 1}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className={`dl-row dl-cols-${filter.view} dl-placeholder`}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <span className="skeleton skeleton-line" />
              </div>
            );
          }
          return (
            <DownloadRow
              key={item.key}
              row={row}
              view={filter.view}
              index={item.index}
              setSize={total}
              start={item.start}
              expanded={expanded.has(row.id)}
              onToggle={toggle}
              measureRef={virtualizer.measureElement}
              now={now}
            />
          );
        })}
      </div>
    );
  }

  return (
    <div className="dl-list-frame">
      <div className={`dl-list-head dl-cols-${filter.view}`} aria-hidden="true">
        {COLUMNS[filter.view].map((c) => (
          <span key={c.key}>{c.label}</span>
        ))}
      </div>
      <div ref={scrollRef} className="dl-scroll" tabIndex={0} role="tabpanel" {...panel} aria-busy={first?.isFetching}>
        {body}
      </div>
    </div>
  );
}

function SkeletonRows({ view }: { view: QueueFilter['view'] }) {
  return (
    <div className="dl-skeleton" aria-label="Loading downloads" role="status">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className={`dl-row dl-cols-${view} dl-placeholder dl-static`}>
          <span className="skeleton skeleton-line" style={{ width: `${40 + ((i * 17) % 40)}%` }} />
        </div>
      ))}
    </div>
  );
}
