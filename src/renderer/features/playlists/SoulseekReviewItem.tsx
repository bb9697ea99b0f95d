// One entry of the review list that waits for a Soulseek pick: the close files the search found (file name,
// folder on hover, peer, quality, size, length, score and the engine's breakdown), Pick for each, a search box
// for the person's own words, and Ignore. Candidates are server data (missing.candidates); Search again
// replaces them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { MissingEntryDto, PeerReviewDto, ReviewCandidateDto } from '../../../shared/contract';
import { request, useApi } from '../../api';
import { Button, ErrorNotice } from '../../components';
import { formatBytes } from '../../format';
import { MISSING_CANDIDATES, MISSING_DOWNLOADS, MISSING_ENTRIES, missingStateKey } from './playlistsQueries';
import { breakdownRows, breakdownSummary, formatLength, scorePercent } from './reviewFormat';

export function SoulseekReviewItem({ playlist, entry, onIgnore, ignoring }: { playlist: string; entry: MissingEntryDto; onIgnore(): void; ignoring: boolean }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const inputId = useId();
  const queryRef = useRef<HTMLInputElement>(null);
  const key = [MISSING_CANDIDATES, playlist, entry.key] as const;
  const candidates = useQuery({ queryKey: key, queryFn: () => request(api, 'missing.candidates', { playlist, key: entry.key }), retry: false });
  const refreshPlaylist = () => {
    void queryClient.invalidateQueries({ queryKey: [MISSING_ENTRIES, playlist] });
    void queryClient.invalidateQueries({ queryKey: [MISSING_DOWNLOADS, playlist] });
    void queryClient.invalidateQueries({ queryKey: missingStateKey });
  };
  const pick = useMutation({
    mutationFn: (c: ReviewCandidateDto) => request(api, 'missing.pick', { playlist, key: entry.key, username: c.username, filename: c.filename }),
    onSuccess: refreshPlaylist,
  });
  const search = useMutation({
    mutationFn: (query: string) => request(api, 'missing.searchAgain', { playlist, key: entry.key, query }),
    onSuccess: (r) => queryClient.setQueryData<PeerReviewDto>(key, r),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = queryRef.current?.value.trim() ?? '';
    if (q.length >= 2) search.mutate(q);
  };
  const list = candidates.data?.candidates ?? [];
  const pickedKey = pick.isPending ? `${pick.variables.username}\u0000${pick.variables.filename}` : null;
  return (
    <li className="pl-review-item pl-review-soulseek">
      <div className="pl-review-head">
        <div className="pl-review-text">
          <span className="pl-title">{entry.title}</span>
          <span className="pl-artists">{entry.artists.join(', ')}</span>
          <span className="pl-candidate pl-warning-text">Soulseek: pick a file — none was surely this track.</span>
        </div>
        <div className="pl-review-actions">
          <Button size="sm" variant="ghost" icon="x" busy={ignoring} aria-label={`Ignore: ${entry.title}`} title="Neither download nor retry it; you can take this back" onClick={onIgnore}>
            Ignore
          </Button>
        </div>
      </div>

      {candidates.isPending ? (
        <p className="muted pl-hint" role="status">Loading the candidates…</p>
      ) : candidates.isError ? (
        <ErrorNotice title="Could not load the candidates" message={candidates.error.message} onRetry={() => void candidates.refetch()} />
      ) : list.length === 0 ? (
        <p className="muted pl-hint" role="status">
          {candidates.data.query ? `Nothing close for “${candidates.data.query}”. Try other words.` : 'No close files kept. Search with your own words.'}
        </p>
      ) : (
        <>
          {candidates.data.query ? <p className="muted pl-hint">Found for “{candidates.data.query}”:</p> : null}
          <ul className="pl-cands" aria-label={`Soulseek files for ${entry.title}`}>
            {list.map((c) => (
              <CandidateRow key={`${c.username}\u0000${c.filename}`} c={c} busy={pickedKey === `${c.username}\u0000${c.filename}`} disabled={pick.isPending} onPick={() => pick.mutate(c)} />
            ))}
          </ul>
        </>
      )}
      {pick.isError ? <ErrorNotice title="The file was not queued" message={pick.error.message} /> : null}

      <form className="pl-research" onSubmit={submit} role="search" aria-label={`Search again for ${entry.title}`}>
        <label className="visually-hidden" htmlFor={inputId}>
          Search Soulseek for {entry.title}
        </label>
        <input
          id={inputId}
          ref={queryRef}
          className="input"
          type="search"
          name="query"
          minLength={2}
          maxLength={200}
          defaultValue={`${entry.artists[0] ?? ''} ${entry.title}`.trim()}
          placeholder="Artist and title, other words…"
        />
        <Button type="submit" size="sm" icon="search" busy={search.isPending} aria-label={`Search again for ${entry.title}`}>
          Search again
        </Button>
      </form>
      {search.isPending ? (
        <p className="muted pl-hint" role="status">
          Searching Soulseek… this takes a few seconds.
        </p>
      ) : null}
      {search.isError ? <ErrorNotice title="The search failed" message={search.error.message} /> : null}
    </li>
  );
}

function CandidateRow({ c, busy, disabled, onPick }: { c: ReviewCandidateDto; busy: boolean; disabled: boolean; onPick(): void }) {
  const [open, setOpen] = useState(false);
  const whyId = useId();
  const length = formatLength(c.lengthSec);
  const pct = scorePercent(c.score);
  return (
    <li className="pl-cand">
      <div className="pl-cand-main">
        <span className="pl-cand-name" title={c.folder ? `${c.folder} / ${c.name}` : c.name}>
          {c.name}
        </span>
        <span className="pl-cand-facts tabular">
          <span className="chip">{c.quality}</span>
          <span>{formatBytes(c.size)}</span>
          {length ? <span>{length}</span> : null}
          <span className="pl-cand-peer" title={c.peer.hasFreeUploadSlot ? 'Has a free upload slot' : `${c.peer.queueLength} waiting in the peer's queue`}>
            {c.username}
          </span>
        </span>
      </div>
      <button
        type="button"
        className={`pl-score ${pct >= 80 ? 'pl-info' : 'pl-warning'}`}
        title={breakdownSummary(c.breakdown)}
        aria-expanded={open}
        aria-controls={whyId}
        aria-label={`Match ${pct}%: why, for ${c.name}`}
        onClick={() => setOpen((o) => !o)}
      >
        {pct}%
      </button>
      <Button size="sm" variant="primary" icon="download" busy={busy} disabled={disabled} aria-label={`Pick ${c.name} from ${c.username}`} onClick={onPick}>
        Pick
      </Button>
      {open ? (
        <dl id={whyId} className="pl-breakdown" aria-label={`Why ${pct}%`}>
          {breakdownRows(c.breakdown).map((r) => (
            <div key={r.name} className={r.agrees ? 'pl-agrees' : 'pl-differs'}>
              <dt>{r.name}</dt>
              <dd>{r.text}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}
