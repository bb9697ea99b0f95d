// The entries awaiting review, both kinds. A library one shows its best library candidate and two decisions:
// "This is owned" brings it into the catalog as owned, "Not this one" makes it a track to download (decisions
// always win over scores). A Soulseek one shows the close files the search found, to pick from, search again
// for, or ignore. Ignored entries are listed below, each with Take back.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MissingEntryDto } from '../../../shared/contract';
import { request, useApi } from '../../api';
import { Button, ErrorNotice } from '../../components';
import { MISSING_DOWNLOADS, MISSING_ENTRIES, missingStateKey } from './playlistsQueries';
import { SoulseekReviewItem } from './SoulseekReviewItem';

const where = { folder: 'Folder', plex: 'Plex', jellyfin: 'Jellyfin', subsonic: 'Subsonic', catalog: 'Catalog' } as const;

export function ReviewList({ playlist, entries, ignored = [] }: { playlist: string; entries: readonly MissingEntryDto[]; ignored?: readonly MissingEntryDto[] }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: [MISSING_ENTRIES, playlist] });
    void queryClient.invalidateQueries({ queryKey: [MISSING_DOWNLOADS, playlist] });
    void queryClient.invalidateQueries({ queryKey: missingStateKey });
  };
  const decide = useMutation({
    mutationFn: (v: { key: string; decision: 'owned' | 'not_owned' }) => request(api, 'missing.decide', { playlist, ...v }),
    onSuccess: refresh,
  });
  const ignore = useMutation({
    mutationFn: (v: { key: string; ignored: boolean }) => request(api, 'missing.ignore', { playlist, ...v }),
    onSuccess: refresh,
  });
  if (entries.length === 0 && ignored.length === 0) return null;
  const library = entries.some((e) => e.awaiting === 'library');
  const soulseek = entries.some((e) => e.awaiting === 'soulseek');
  const ignoring = (key: string, value: boolean) => ignore.isPending && ignore.variables.key === key && ignore.variables.ignored === value;
  return (
    <section className="pl-review" aria-label="Awaiting review">
      {entries.length > 0 ? (
        <>
          <h3 className="pl-section-title">Awaiting review ({entries.length})</h3>
          <p className="muted pl-hint">
            {library ? 'The library has something close, but not close enough to be sure: is it the same recording? ' : ''}
            {soulseek ? 'Soulseek has files close to these tracks, none surely the one: pick a file, search with your own words, or ignore the track.' : ''}
          </p>
        </>
      ) : null}
      {decide.isError ? <ErrorNotice title="The decision was not saved" message={decide.error.message} /> : null}
      {ignore.isError ? <ErrorNotice title="Ignore was not saved" message={ignore.error.message} /> : null}
      {entries.length > 0 ? (
        <ul className="pl-review-list">
          {entries.map((e) =>
            e.awaiting === 'soulseek' ? (
              <SoulseekReviewItem key={e.key} playlist={playlist} entry={e} ignoring={ignoring(e.key, true)} onIgnore={() => ignore.mutate({ key: e.key, ignored: true })} />
            ) : (
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
                  <Button size="sm" variant="ghost" aria-label={`Ignore: ${e.title}`} title="Neither download nor retry it; you can take this back" busy={ignoring(e.key, true)} onClick={() => ignore.mutate({ key: e.key, ignored: true })}>
                    Ignore
                  </Button>
                </div>
              </li>
            ),
          )}
        </ul>
      ) : null}
      {ignored.length > 0 ? (
        <div className="pl-ignored">
          <h3 className="pl-section-title pl-ignored-title">Ignored ({ignored.length})</h3>
          <ul className="pl-review-list" aria-label="Ignored tracks">
            {ignored.map((e) => (
              <li key={e.key} className="pl-review-item pl-review-ignored">
                <div className="pl-review-text">
                  <span className="pl-title">{e.title}</span>
                  <span className="pl-artists">{e.artists.join(', ')}</span>
                </div>
                <Button size="sm" variant="ghost" icon="retry" aria-label={`Take back: ${e.title}`} busy={ignoring(e.key, false)} onClick={() => ignore.mutate({ key: e.key, ignored: false })}>
                  Take back
                </Button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
