// The artist modal of a matched download: the top half shows the five artists the file most likely belongs to
// (image, name, calibrated percentage), the bottom half a search box with five results of the same shape.
// Clicking an artist picks it and starts the download (or the filing). Closing the modal of a Soulseek file or
// folder without a pick (Esc, the close button, the backdrop) starts its normal download, as the footer says;
// "Don't download" closes it with nothing started. Keyboard: focus stays inside (Tab wraps), Esc closes, ↑/↓ move
// between artists, Enter picks. Loading, empty lists and errors show inline.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ArtistSuggestionDto } from '../../../shared/contract';
import { request, useApi } from '../../api';
import { Button, Icon } from '../../components';
import { useDebouncedValue } from '../downloads/useDebouncedValue';
import { suggestionFileOf, type MatchTarget } from './matchedTargetStore';

export interface ArtistPickerModalProps {
  target: MatchTarget;
  /** Closes it, nothing more (after a pick, or "Don't download"). */
  onClose(): void;
  /**
   * Closed without a pick (Esc, the close button, the backdrop, "Download without matching"): a Soulseek file or
   * folder then downloads normally. Default: `onClose`.
   */
  onDismiss?(): void;
  /** After a pick was accepted by the host. */
  onStarted?(message: string): void;
}

export function ArtistPickerModal({ target, onClose, onDismiss, onStarted }: ArtistPickerModalProps) {
  const api = useApi();
  const queryClient = useQueryClient();
  const titleId = useId();
  const descId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const debounced = useDebouncedValue(query.trim(), 250);
  const file = suggestionFileOf(target);

  const suggestions = useQuery({
    queryKey: ['match.suggestArtists', file],
    queryFn: () => request(api, 'match.suggestArtists', { file }),
    retry: false,
    staleTime: 60_000,
  });
  const search = useQuery({
    queryKey: ['match.searchArtists', debounced, file],
    queryFn: () => request(api, 'match.searchArtists', { query: debounced, file }),
    enabled: debounced.length > 0,
    retry: false,
    staleTime: 60_000,
  });

  const pick = useMutation({
    mutationFn: async (a: ArtistSuggestionDto) => {
      const artist = { id: a.artistId, name: a.name };
      if (target.kind === 'finished') {
        const r = await request(api, 'match.fileExisting', { queueItemId: target.queueItemId, artist });
        return `Filed under ${r.path}`;
      }
      if (target.kind === 'peer') {
        await request(api, 'match.download', { file: target.file, artist });
        return `Downloading ${target.label} as ${a.name}`;
      }
      const rows = await request(api, 'match.downloadAlbum', { files: target.files, artist });
      return `Downloading ${rows.length} tracks matched to ${a.name}`;
    },
    onSuccess: (message) => {
      void queryClient.invalidateQueries({ queryKey: ['queue'] });
      onStarted?.(message);
      onClose();
    },
  });

  // No artist fits, or the person closed the modal: the file is fetched as a normal download (the host runs it,
  // so it survives the modal). Once a pick is on its way, closing only closes: never both downloads.
  const plainOnClose = target.kind !== 'finished' && target.plainDownload !== undefined;
  const dismiss = () => (pick.isPending || pick.isSuccess ? onClose() : (onDismiss ?? onClose)());

  // Focus the first artist once suggestions are there, else the search box; give focus back on close.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    searchRef.current?.focus();
    return () => before?.focus?.();
  }, []);
  const loaded = suggestions.isSuccess && suggestions.data.length > 0;
  useEffect(() => {
    if (loaded && document.activeElement === searchRef.current && query === '') {
      dialogRef.current?.querySelector<HTMLButtonElement>('[data-artist-option]')?.focus();
    }
  }, [loaded]); // only when the list first arrives

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      dismiss();
      return;
    }
    const root = dialogRef.current;
    if (!root) return;
    if (e.key === 'Tab') {
      const focusable = [...root.querySelectorAll<HTMLElement>('button:not([disabled]), input:not([disabled])')];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const options = [...root.querySelectorAll<HTMLButtonElement>('[data-artist-option]:not([disabled])')];
      if (options.length === 0) return;
      e.preventDefault();
      const at = options.indexOf(document.activeElement as HTMLButtonElement);
      const next = e.key === 'ArrowDown' ? (at < 0 ? 0 : Math.min(options.length - 1, at + 1)) : at <= 0 ? 0 : at - 1;
      options[next]?.focus();
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && dismiss()}>
      <div ref={dialogRef} className="modal artist-modal" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={descId} onKeyDown={onKeyDown}>
        <header className="modal-header">
          <div className="modal-heading">
            <h2 id={titleId} className="modal-title">
              Which artist is this?
            </h2>
            <p id={descId} className="modal-sub" title={target.label}>
              {target.kind === 'album' ? `${target.files.length} files · ` : ''}
              {target.label}
            </p>
          </div>
          <button type="button" className="btn btn-ghost btn-sm btn-icon" aria-label={plainOnClose ? 'Close and download normally' : 'Close'} onClick={dismiss}>
            <Icon name="x" size={18} />
          </button>
        </header>

        <section className="artist-section" aria-labelledby={`${titleId}-s`}>
          <h3 id={`${titleId}-s`} className="artist-section-title">
            Suggested
          </h3>
          <ArtistList
            label="Suggested artists"
            state={suggestions.isPending ? 'loading' : suggestions.isError ? 'error' : 'ready'}
            error={suggestions.error?.message}
            items={suggestions.data ?? []}
            empty="No artist on Spotify matches this file. Search by name below."
            onPick={(a) => pick.mutate(a)}
            busyId={pick.isPending ? pick.variables?.artistId : undefined}
            onRetry={() => void suggestions.refetch()}
          />
        </section>

        <section className="artist-section artist-search" aria-labelledby={`${titleId}-q`}>
          <h3 id={`${titleId}-q`} className="artist-section-title">
            Search Spotify
          </h3>
          <label className="search-field">
            <Icon name="search" size={16} />
            <input
              ref={searchRef}
              type="search"
              className="input"
              placeholder="Artist name"
              aria-label="Search artists"
              value={query}
              maxLength={200}
              onChange={(e) => setQuery(e.target.value)}
            />
          </label>
          {debounced ? (
            <ArtistList
              label="Artist search results"
              state={search.isPending ? 'loading' : search.isError ? 'error' : 'ready'}
              error={search.error?.message}
              items={search.data ?? []}
              empty={`No artist called “${debounced}” on Spotify.`}
              onPick={(a) => pick.mutate(a)}
              busyId={pick.isPending ? pick.variables?.artistId : undefined}
              onRetry={() => void search.refetch()}
            />
          ) : (
            <p className="artist-hint muted">Not among the suggestions? Type the artist’s name.</p>
          )}
        </section>

        {pick.isError ? (
          <p className="artist-pick-error" role="alert">
            {pick.error.message}
          </p>
        ) : null}
        <footer className="modal-footer">
          <span className="muted modal-footnote">
            {plainOnClose ? <strong className="modal-footnote-lead">Closing starts a normal download that stays in your downloads folder.</strong> : null}
            Percentages are calibrated: at 90 %, about nine in ten are right.
          </span>
          <span className="modal-footer-actions">
            {plainOnClose ? (
              <>
                <Button variant="ghost" onClick={onClose} disabled={pick.isPending}>
                  {"Don't download"}
                </Button>
                <Button variant="secondary" onClick={dismiss} disabled={pick.isPending}>
                  Download without matching
                </Button>
              </>
            ) : (
              <Button variant="ghost" onClick={onClose}>
                Cancel
              </Button>
            )}
          </span>
        </footer>
      </div>
    </div>
  );
}

interface ArtistListProps {
  label: string;
  state: 'loading' | 'error' | 'ready';
  error?: string;
  items: ArtistSuggestionDto[];
  empty: string;
  busyId?: string;
  onPick(a: ArtistSuggestionDto): void;
  onRetry(): void;
}

function ArtistList({ label, state, error, items, empty, busyId, onPick, onRetry }: ArtistListProps) {
  if (state === 'loading') {
    return (
      <ul className="artist-list" aria-label={label} aria-busy="true">
        {[0, 1, 2].map((i) => (
          <li key={i} className="artist-option artist-skeleton" aria-hidden="true">
            <span className="artist-image" />
            <span className="skeleton artist-skeleton-line" />
          </li>
        ))}
        <li className="visually-hidden">Loading…</li>
      </ul>
    );
  }
  if (state === 'error') {
    return (
      <div className="artist-error" role="alert">
        <span>{error ?? 'Could not ask Spotify.'}</span>
        <Button size="sm" variant="ghost" icon="retry" onClick={onRetry}>
          Try again
        </Button>
      </div>
    );
  }
  if (items.length === 0) return <p className="artist-empty muted">{empty}</p>;
  return (
    <ul className="artist-list" aria-label={label}>
      {items.map((a) => (
        <li key={a.artistId}>
          <button
            type="button"
            className="artist-option"
            data-artist-option=""
            disabled={busyId !== undefined}
            aria-busy={busyId === a.artistId || undefined}
            aria-label={`${a.name}${a.percent === null ? '' : `, ${a.percent} % match`}`}
            onClick={() => onPick(a)}
          >
            {a.imageUrl ? <img className="artist-image" src={a.imageUrl} alt="" /> : <span className="artist-image artist-initial" aria-hidden="true">{initial(a.name)}</span>}
            <span className="artist-name" title={a.name}>
              {a.name}
            </span>
            {busyId === a.artistId ? <span className="spinner" aria-hidden="true" /> : null}
            <span className={`artist-percent${a.percent === null ? ' muted' : a.percent >= 80 ? ' high' : a.percent >= 40 ? ' mid' : ' low'}`}>{a.percent === null ? '—' : `${a.percent} %`}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function initial(name: string): string {
  return [...name.trim()][0]?.toLocaleUpperCase() ?? '?';
}
