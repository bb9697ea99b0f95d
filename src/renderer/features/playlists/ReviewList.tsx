// The entries awaiting review: each with its best library candidate and two decisions. "This is owned" brings
// it into the catalog as owned; "Not this one" makes it a track to download. Decisions always win over scores.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MissingEntryDto } from '../../../shared/contract';
import { request, useApi } from '../../api';
import { Button, ErrorNotice } from '../../components';
import { MISSING_DOWNLOADS, MISSING_ENTRIES, missingStateKey } from './playlistsQueries';

const where = { folder: 'Folder', plex: 'Plex', jellyfin: 'Jellyfin', subsonic: 'Subsonic', catalog: 'Catalog' } as const;

export function ReviewList({ playlist, entries }: { playlist: string; entries: readonly MissingEntryDto[] }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const decide = useMutation({
    mutationFn: (v: { key: string; decision: 'owned' | 'not_owned' }) => request(api, 'missing.decide', { playlist, ...v }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [MISSING_ENTRIES, playlist] });
      void queryClient.invalidateQueries({ queryKey: [MISSING_DOWNLOADS, playlist] });
      void queryClient.invalidateQueries({ queryKey: missingStateKey });
    },
  });
  if (entries.length === 0) return null;
  return (
    <section className="pl-review" aria-label="Awaiting review">
      <h3 className="pl-section-title">Awaiting review ({entries.length})</h3>
      <p className="muted pl-hint">The library has something close, but not close enough to be sure. Is it the same recording?</p>
      {decide.isError ? <ErrorNotice title="The decision was not saved" message={decide.error.message} /> : null}
      <ul className="pl-review-list">
        {entries.map((e) => (
          <li key={e.key} className="pl-review-item">
            <div className="pl-review-text">
              <span className="pl-title">{e.title}</span>
              <span className="pl-artists">{e.artists.join(', ')}</span>
              {e.match ? (
                <span className="pl-candidate">
                  Best candidate: {e.match.title} — {e.match.artists.join(', ')}
                  {e.match.album ? ` (${e.match.album})` : ''} · {where[e.match.where]}
                  {e.confidence !== null ? ` · ${Math.round(e.confidence * 100)}%` : ''}
                </span>
              ) : (
                <span className="pl-candidate">No library candidate</span>
              )}
            </div>
            <div className="pl-review-actions">
              <Button size="sm" icon="check" aria-label={`This is owned: ${e.title}`} busy={decide.isPending && decide.variables.key === e.key && decide.variables.decision === 'owned'} onClick={() => decide.mutate({ key: e.key, decision: 'owned' })}>
                This is owned
              </Button>
              <Button size="sm" variant="ghost" icon="x" aria-label={`Not this one: ${e.title}`} busy={decide.isPending && decide.variables.key === e.key && decide.variables.decision === 'not_owned'} onClick={() => decide.mutate({ key: e.key, decision: 'not_owned' })}>
                Not this one
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
