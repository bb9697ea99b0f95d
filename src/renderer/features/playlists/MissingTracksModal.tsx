// The Download Missing Tracks dashboard of one playlist: live counters, the library-analysis and download
// progress bars, the tracks with their Matched/Downloaded columns, the review list, and Begin Search / Cancel /
// Close. Everything comes from the persisted run (missing.state + missing.progress events), so reopening it
// (from the bubble, after a reload) shows the same state. Keyboard: focus stays inside (Tab wraps), Esc closes.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import type { MissingRunDto } from '../../../shared/contract';
import { request, useApi } from '../../api';
import { Button, ErrorNotice, ProgressBar, StatList } from '../../components';
import { formatCount } from '../../format';
import { PlaylistEntryTable } from './PlaylistEntryTable';
import { activeDownloads, mergeRun } from './playlistRuns';
import {
  MISSING_DOWNLOADS, missingStateKey, playlistsKey, previewEntries, useMissingRuns, usePlaylistDownloads, usePlaylistEntries, usePlaylistPreview,
} from './playlistsQueries';
import { ReviewList } from './ReviewList';
import { RunSummaryNote } from './RunSummaryNote';
import { showSummary } from './runSummaryText';

const STATE_TEXT: Record<MissingRunDto['state'], string> = { running: 'Checking your library…', finished: 'Analysis finished', cancelled: 'Analysis cancelled', failed: 'Analysis failed' };

export function MissingTracksModal({ playlist, name, onClose }: { playlist: string; name: string; onClose(): void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const titleId = useId();
  const descId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const runs = useMissingRuns();
  const run = runs.data?.find((r) => r.ref === playlist);
  const analysed = run !== undefined;
  const entries = usePlaylistEntries(playlist, analysed);
  const downloads = usePlaylistDownloads(playlist, analysed);
  // Not analysed yet: opening runs the analysis as a dry run (counters and the Matched column, nothing written).
  const preview = usePlaylistPreview(playlist, runs.isSuccess && !analysed);
  const running = run?.state === 'running';

  const begin = useMutation({
    mutationFn: () => request(api, 'missing.analyse', { playlist }),
    onSuccess: (r) => {
      queryClient.setQueryData<MissingRunDto[]>(missingStateKey, (list) => mergeRun(list, r));
      // An imported file is a playlist of the list from its first run on.
      void queryClient.invalidateQueries({ queryKey: playlistsKey });
    },
  });
  // Cancel stops the analysis while it runs; after it, the playlist's queued and running downloads.
  const cancel = useMutation({
    mutationFn: async (r: MissingRunDto) => {
      if (r.state === 'running') {
        const after = await request(api, 'missing.cancel', { runId: r.runId });
        queryClient.setQueryData<MissingRunDto[]>(missingStateKey, (list) => mergeRun(list, after));
      } else {
        await request(api, 'missing.cancelDownloads', { playlist });
      }
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: [MISSING_DOWNLOADS, playlist] }),
  });

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    dialogRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => before?.focus?.();
  }, []);

  // On the document, not the dialog: Begin Search disables itself while the analysis runs, which drops focus to
  // the body, and Esc and Tab must still work then (Tab brings focus back inside).
  useEffect(() => {
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onCloseRef.current();
        return;
      }
      const root = dialogRef.current;
      if (e.key !== 'Tab' || !root) return;
      const focusable = [...root.querySelectorAll<HTMLElement>('button:not([disabled]), [tabindex="0"], a[href]')];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      const inside = root.contains(document.activeElement);
      if (!inside || (e.shiftKey && document.activeElement === first)) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const counts = downloads.data?.counts;
  const summary = downloads.data?.summary;
  const review = (entries.data ?? []).filter((e) => e.awaiting !== null);
  const ignored = (entries.data ?? []).filter((e) => e.ignored);
  const p = analysed ? undefined : preview.data;
  const total = run?.total ?? p?.total ?? 0;
  const tableEntries = analysed ? entries.data : p ? previewEntries(p) : undefined;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialogRef} className="modal pl-modal" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={descId}>
        <header className="modal-header">
          <div className="modal-heading">
            <h2 id={titleId} className="modal-title">
              Download missing tracks: {run?.name || p?.name || name}
            </h2>
            <p id={descId} className="modal-sub">
              Begin Search checks every track against your library and the catalog, then queues the ones you do not have. Tracks it is unsure of wait for your review.
            </p>
          </div>
          <Button variant="ghost" size="sm" icon="x" aria-label="Close the dashboard" onClick={onClose} />
        </header>

        <StatList
          label="Playlist counters"
          stats={[
            { label: 'Total tracks', value: total },
            { label: 'Matched (owned)', value: run?.owned ?? p?.owned ?? 0, tone: 'success' },
            { label: 'To download', value: run?.toDownload ?? p?.toDownload ?? 0, tone: 'info' },
            {
              label: 'Review',
              value: analysed && entries.data ? review.length : (run?.review ?? p?.review ?? 0),
              tone: 'warning',
              hint: 'Waiting for your word: close to a library track but not sure enough to count as owned, or Soulseek files none of which is surely the track',
            },
          ]}
        />

        <div className="pl-progress">
          <ProgressBar
            label="Library analysis"
            value={run ? run.done : (p?.total ?? 0)}
            max={Math.max(1, total)}
            tone={run?.state === 'failed' ? 'danger' : run?.state === 'finished' || p ? 'success' : 'accent'}
            valueText={run ? `${run.done} of ${run.total} tracks checked` : p ? `${p.total} of ${p.total} tracks checked` : preview.isFetching ? 'Checking' : 'Not started'}
          />
          <p className="muted tabular pl-progress-text" aria-live="polite">
            {run
              ? `${STATE_TEXT[run.state]} — ${formatCount(run.done)} of ${formatCount(run.total)} tracks checked`
              : p
                ? `Dry run — ${formatCount(p.total)} tracks checked, nothing saved yet: Begin Search saves the playlist and queues what is missing.`
                : preview.isFetching
                  ? 'Checking your library (a dry run: nothing is saved)…'
                  : 'Not analysed yet.'}
            {run?.library ? ` · ${libraryText(run.library)}` : p?.library ? ` · ${libraryText(p.library)}` : ''}
          </p>
          {run?.error ? <ErrorNotice title="The analysis stopped" message={run.error} /> : null}
          <ProgressBar
            label="Downloads"
            value={counts ? counts.downloaded : 0}
            max={Math.max(1, counts?.tracks ?? 0)}
            tone="info"
            valueText={counts ? `${counts.downloaded} of ${counts.tracks} tracks in your library` : 'Not started'}
          />
          <p className="muted tabular pl-progress-text">
            {counts && counts.tracks > 0
              ? `${formatCount(counts.downloaded)} of ${formatCount(counts.tracks)} in your library · ${formatCount(counts.queued)} queued · ${formatCount(counts.downloading)} downloading · ${formatCount(counts.failed)} failed${
                  counts.review ? ` · ${formatCount(counts.review)} to pick` : ''
                }${counts.ignored ? ` · ${formatCount(counts.ignored)} ignored` : ''}`
              : 'Nothing queued yet.'}
          </p>
        </div>

        {showSummary(run?.state, summary) ? <RunSummaryNote summary={summary} /> : null}
        {begin.isError ? <ErrorNotice title="Could not start" message={begin.error.message} /> : null}
        {preview.isError && !analysed && !begin.isError ? <ErrorNotice title="Could not check the playlist" message={preview.error.message} onRetry={() => void preview.refetch()} /> : null}
        {cancel.isError ? <ErrorNotice title="Could not cancel" message={cancel.error.message} /> : null}
        {entries.isError && analysed ? <ErrorNotice title="Could not load the tracks" message={entries.error.message} onRetry={() => void entries.refetch()} /> : null}

        {tableEntries && tableEntries.length > 0 ? <PlaylistEntryTable entries={tableEntries} downloads={analysed ? downloads.data : undefined} /> : null}
        {entries.data ? <ReviewList playlist={playlist} entries={review} ignored={ignored} /> : null}

        <footer className="modal-footer pl-footer">
          <span className="muted modal-footnote">{running ? 'Closing keeps it running: a bubble shows the progress.' : ''}</span>
          <div className="pl-buttons">
            <Button variant="primary" icon="search" data-autofocus busy={begin.isPending} disabled={running} onClick={() => begin.mutate()}>
              {run && !running ? 'Search again' : 'Begin Search'}
            </Button>
            <Button
              icon="stop"
              disabled={!run || (!running && activeDownloads(downloads.data) === 0)}
              busy={cancel.isPending}
              onClick={() => run && cancel.mutate(run)}
              title={running ? 'Stops the analysis; what it reached is kept' : "Cancels this playlist's queued and running downloads; finished ones stay"}
            >
              Cancel
            </Button>
            <Button onClick={onClose}>Close</Button>
          </div>
        </footer>
      </div>
    </div>
  );
}

function libraryText(l: NonNullable<MissingRunDto['library']>): string {
  const name = { folder: 'library folder', plex: 'Plex', jellyfin: 'Jellyfin', subsonic: 'Navidrome/Subsonic' }[l.connector];
  if (l.source === 'live') return `checked against your ${name}`;
  if (l.source === 'mirror') return `${name} unreachable: used the last copy${l.mirrorAgeSeconds !== null ? ` (${Math.round(l.mirrorAgeSeconds / 60)} min old)` : ''}`;
  return `${name} unreachable: only what Cassette already has counts as owned, the rest is to download`;
}
