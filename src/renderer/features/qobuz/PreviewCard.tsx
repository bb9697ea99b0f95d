// The dry run: how many tracks a sync would download, how many are already in the folder, and every planned
// track with its target path and why — filterable, for accounts with thousands of purchases.
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { QobuzPreviewDto } from '../../../shared/contract';
import { Card, ErrorNotice, Icon, ProgressBar, StatList } from '../../components';
import { formatCount } from '../../format';
import { plural } from './labels';
import { PlannedList } from './PlannedList';

export function PreviewCard({ pending, error, preview, onRetry }: {
  pending: boolean;
  error: Error | null;
  preview: QobuzPreviewDto | undefined;
  onRetry(): void;
}) {
  // The card appears below the sync card, often out of sight: bring it into view when asked for and when answered.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!pending && !preview) return;
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    ref.current?.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
  }, [pending, preview]);
  return (
    <div ref={ref}>
      <Card title="Preview" description="What a sync would download, where to, and why. Nothing is downloaded or changed.">
        {pending ? (
          <div className="job-progress" role="status">
            <ProgressBar label="Preview progress" value={null} valueText="Reading your purchases" />
            <p className="muted">Reading your purchases and looking for files already in the folder…</p>
          </div>
        ) : error ? (
          <ErrorNotice title="Preview failed" message={error.message} onRetry={onRetry} />
        ) : preview ? (
          <PreviewResult preview={preview} />
        ) : null}
      </Card>
    </div>
  );
}

function PreviewResult({ preview }: { preview: QobuzPreviewDto }) {
  const filterId = useId();
  const [filter, setFilter] = useState('');
  const q = useDeferredValue(filter.trim().toLowerCase());
  const shown = useMemo(
    () => (q ? preview.planned.filter((t) => `${t.title}\n${t.artist}\n${t.album}\n${t.path}`.toLowerCase().includes(q)) : preview.planned),
    [preview.planned, q],
  );
  const n = preview.planned.length;
  return (
    <div className="preview-result">
      {n === 0 ? (
        <p className="note note-success" role="status">
          <Icon name="check" />
          <span>
            Up to date: all {formatCount(preview.total)} purchased {plural(preview.total, 'track')} are already in the folder. Nothing to
            download.
          </span>
        </p>
      ) : (
        <p role="status" className="preview-headline">
          <strong>
            {formatCount(n)} {plural(n, 'track')} to download
          </strong>{' '}
          <span className="muted">
            into <code className="path">{preview.folder}</code>
          </span>
        </p>
      )}
      <StatList
        label="Preview counts"
        stats={[
          { label: 'To download', value: n, tone: 'info' },
          { label: 'Already there', value: preview.skipped, hint: 'Files already in the folder (including recognised ones), kept as they are' },
          { label: 'Recognised', value: preview.recognised, hint: 'Files found in the folder under another name, adopted without downloading' },
          { label: 'Purchased', value: preview.total, hint: 'Purchased tracks, a track bought twice counted once' },
        ]}
      />
      {preview.deduplicated ? (
        <p className="muted">
          {formatCount(preview.deduplicated)} {plural(preview.deduplicated, 'track was', 'tracks were')} bought both alone and in an album:
          kept once, under the album.
        </p>
      ) : null}
      {n > 0 ? (
        <>
          <div className="preview-toolbar">
            <div className="search-field">
              <label htmlFor={filterId} className="visually-hidden">
                Filter planned tracks
              </label>
              <Icon name="search" size={16} />
              <input
                id={filterId}
                type="search"
                className="input"
                placeholder="Filter by title, artist, album or path"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                maxLength={200}
              />
            </div>
            <span className="muted tabular" aria-live="polite">
              {q ? `${formatCount(shown.length)} of ${formatCount(n)} shown` : ''}
            </span>
          </div>
          {shown.length ? (
            <PlannedList tracks={shown} folder={preview.folder} label="Planned downloads" />
          ) : (
            <p className="muted">No planned track matches “{filter.trim()}”.</p>
          )}
        </>
      ) : null}
    </div>
  );
}
