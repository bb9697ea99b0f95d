// Search: find albums and single files on Soulseek (through slskd), filter them, and download a peer's exact
// file or folder — or hand it to Matched Download.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { SearchFileDto, SearchResultsDto } from '../../../shared/contract';
import { ApiError } from '../../api';
import { hrefFor } from '../../app/route';
import { Button, EmptyState, ErrorNotice, Icon } from '../../components';
import { formatCount } from '../../format';
import { PageHeader } from '../shell';
import { useSourceStates } from '../sources';
import { AlbumCard } from './AlbumCard';
import { ResultList } from './ResultList';
import { SearchFilterBar } from './SearchFilterBar';
import { FileRow } from './SingleRow';
import { fileKey, useSearchPage, type SearchView } from './searchPageStore';
import { useSearchDownload, useSearchResults, useStartSearch, type SearchFiltersInput } from './searchQueries';

const SETTINGS_HREF = hrefFor({ page: 'settings', section: 'slskd' });

export function SearchPage() {
  const s = useSearchPage();
  const sources = useSourceStates();
  const slskd = sources.data?.find((x) => x.source === 'slskd');
  const start = useStartSearch();
  const filters: SearchFiltersInput = { minQuality: s.filters.minQuality, ...(s.filters.formats.length ? { formats: s.filters.formats } : {}) };
  const results = useSearchResults(s.searchId, filters);
  const download = useSearchDownload();
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const notConfigured = (slskd && !slskd.configured) || (start.error instanceof ApiError && start.error.code === 'unavailable');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = s.query.trim();
    if (q.length < 2) return;
    setNotice(null);
    start.mutate(q, { onSuccess: ({ searchId }) => s.started(searchId) });
  };

  const queue = (username: string, files: SearchFileDto[]) => {
    const data = results.data;
    if (!data || files.length === 0) return;
    const keys = files.map((f) => fileKey(username, f.filename));
    setBusy((b) => new Set([...b, ...keys]));
    download.mutate(
      { searchId: data.searchId, username, filenames: files.map((f) => f.filename) },
      {
        onSuccess: (r) => {
          s.markQueued(keys);
          const n = r.rows.length;
          const already = r.alreadyQueued ? ` (${formatCount(r.alreadyQueued)} already waiting)` : '';
          setNotice({ kind: 'ok', text: `${n === 1 ? `Queued “${r.rows[0]!.title}”` : `Queued ${formatCount(n)} downloads`}${already}.` });
        },
        onError: (err) => setNotice({ kind: 'error', text: err.message }),
        onSettled: () => setBusy((b) => new Set([...b].filter((k) => !keys.includes(k)))),
      },
    );
  };

  return (
    <div className="search-page">
      <PageHeader title="Search" subtitle="Find albums and tracks on Soulseek and download exactly the copy you pick." />
      {notConfigured ? (
        <EmptyState icon="plug" title="Soulseek is not set up" actions={<a className="btn btn-primary btn-md" href={SETTINGS_HREF}>Open Soulseek settings</a>}>
          <p>Searching needs slskd: add its URL, downloads folder and API key in Settings.</p>
        </EmptyState>
      ) : (
        <>
          <form className="search-form" role="search" aria-label="Soulseek" onSubmit={submit}>
            <div className="lib-search search-box">
              <Icon name="search" size={16} aria-hidden="true" />
              <input
                className="input"
                type="search"
                name="q"
                aria-label="Search Soulseek"
                placeholder="Artist, album or track"
                autoComplete="off"
                maxLength={200}
                value={s.query}
                onChange={(e) => s.setQuery(e.target.value)}
              />
            </div>
            <Button type="submit" variant="primary" icon="search" busy={start.isPending} disabled={s.query.trim().length < 2}>
              Search
            </Button>
          </form>
          {start.error && !notConfigured ? <ErrorNotice title="Couldn't start the search" message={start.error.message} /> : null}
          <SearchFilterBar />
          {notice ? (
            <div className={`notice ${notice.kind === 'ok' ? 'notice-success' : 'notice-danger'}`} role={notice.kind === 'ok' ? 'status' : 'alert'}>
              <Icon name={notice.kind === 'ok' ? 'check' : 'alert'} />
              <div className="notice-body">
                <span>
                  {notice.text} {notice.kind === 'ok' ? <a href={hrefFor({ page: 'downloads', view: 'queued' })}>See Downloads</a> : null}
                </span>
              </div>
            </div>
          ) : null}
          <Results
            data={results.data}
            error={results.error}
            pending={s.searchId !== null && results.isPending}
            onRetry={() => void results.refetch()}
            view={s.view}
            setView={s.setView}
            expanded={s.expanded}
            toggle={s.toggle}
            queued={s.queued}
            busy={busy}
            onDownload={queue}
            onSearchAgain={() => start.mutate(s.query.trim(), { onSuccess: ({ searchId }) => s.started(searchId) })}
          />
        </>
      )}
    </div>
  );
}

function Results({ data, error, pending, onRetry, view, setView, expanded, toggle, queued, busy, onDownload, onSearchAgain }: {
  data: SearchResultsDto | undefined;
  error: Error | null;
  pending: boolean;
  onRetry(): void;
  view: SearchView;
  setView(v: SearchView): void;
  expanded: ReadonlySet<string>;
  toggle(id: string): void;
  queued: ReadonlySet<string>;
  busy: ReadonlySet<string>;
  onDownload(username: string, files: SearchFileDto[]): void;
  onSearchAgain(): void;
}) {
  if (error) {
    const gone = error instanceof ApiError && error.code === 'not_found';
    return gone ? (
      <EmptyState icon="search" title="That search is no longer kept" actions={<Button onClick={onSearchAgain}>Search again</Button>} />
    ) : (
      <ErrorNotice title="Couldn't read the results" message={error.message} onRetry={onRetry} />
    );
  }
  if (!data && !pending) {
    return (
      <EmptyState icon="search" title="Search Soulseek">
        <p>Type an artist and a title or album. Results come as albums (a peer’s folder) and single files, best match first.</p>
      </EmptyState>
    );
  }
  if (!data || data.state === 'searching') {
    return (
      <p className="search-status" role="status">
        <span className="spinner" aria-hidden="true" />
        <span>Searching Soulseek{data ? ` for “${data.query}”` : ''}… results arrive when the search ends.</span>
      </p>
    );
  }
  if (data.state === 'failed') return <ErrorNotice title="The search failed" message={data.reason ?? 'slskd did not answer.'} onRetry={onSearchAgain} />;
  const hidden = data.hidden.unsafe + data.hidden.locked + data.hidden.unsupported;
  if (data.totalAlbums + data.totalSingles === 0) {
    return (
      <>
        <p className="search-status visually-hidden" role="status">No results for “{data.query}”</p>
        <EmptyState icon="search" title={`No results for “${data.query}”`}>
          <p>Try fewer words, another spelling, or loosen the filters. Soulseek matches every word you type.{hidden ? ` ${formatCount(hidden)} files were left out (locked, unsafe or unsupported).` : ''}</p>
        </EmptyState>
      </>
    );
  }
  const tabs: { id: SearchView; label: string; count: number }[] = [
    { id: 'albums', label: 'Albums', count: data.totalAlbums },
    { id: 'singles', label: 'Singles', count: data.totalSingles },
  ];
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      setView(view === 'albums' ? 'singles' : 'albums');
    }
  };
  return (
    <section className="search-results" aria-label="Results">
      <p className="search-status" role="status">
        {formatCount(data.totalAlbums)} {data.totalAlbums === 1 ? 'album' : 'albums'} and {formatCount(data.totalSingles)}{' '}
        {data.totalSingles === 1 ? 'single' : 'singles'} for “{data.query}”
        {hidden ? <span className="muted"> · {formatCount(hidden)} files left out (locked, unsafe or unsupported)</span> : null}
      </p>
      <div role="tablist" aria-label="Result kinds" className="tabs" onKeyDown={onKey}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`search-tab-${t.id}`}
            aria-selected={view === t.id}
            aria-controls={`search-panel-${t.id}`}
            tabIndex={view === t.id ? 0 : -1}
            className="tab"
            onClick={() => setView(t.id)}
          >
            {t.label}
            <span className="tab-count tabular">{formatCount(t.count)}</span>
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`search-panel-${view}`} aria-labelledby={`search-tab-${view}`}>
        {view === 'albums' ? (
          data.albums.length === 0 ? (
            <p className="muted search-none">No albums: no peer shares two or more matching files in one folder.</p>
          ) : (
            <ResultList
              items={data.albums}
              label="Albums"
              estimate={96}
              renderItem={(a) => (
                <AlbumCard
                  album={a}
                  searchId={data.searchId}
                  expanded={expanded.has(a.id)}
                  onToggle={() => toggle(a.id)}
                  queued={queued}
                  busy={busy}
                  onDownload={(files) => onDownload(a.peer.username, files)}
                />
              )}
            />
          )
        ) : data.singles.length === 0 ? (
          <p className="muted search-none">No single files: every match sits in an album folder.</p>
        ) : (
          <ResultList
            items={data.singles}
            label="Singles"
            estimate={72}
            renderItem={(f) => (
              <FileRow
                file={f}
                peer={f.peer}
                showPeer
                queued={queued.has(fileKey(f.peer.username, f.filename))}
                busy={busy.has(fileKey(f.peer.username, f.filename))}
                onDownload={() => onDownload(f.peer.username, [f])}
                matched={{ kind: 'file', searchId: data.searchId, username: f.peer.username, files: [f] }}
              />
            )}
          />
        )}
      </div>
    </section>
  );
}
