// The Playlists page: the signed-in Spotify account's playlists and the imported ones (CSV from Exportify, or
// M3U/M3U8, opened by path), each with Download Missing Tracks, which opens the dashboard modal.
import { useId, useState, type FormEvent } from 'react';
import type { PlaylistSummaryDto } from '../../../shared/contract';
import { hrefFor } from '../../app/route';
import { Button, Card, EmptyState, ErrorNotice } from '../../components';
import { formatCount } from '../../format';
import { useSpotifyAccounts } from '../backups';
import { PageHeader } from '../shell';
import { usePlaylistModal } from './playlistModalStore';
import { useMissingRuns, usePlaylists } from './playlistsQueries';

const KIND = { spotify: 'Spotify', csv: 'CSV', m3u: 'M3U' } as const;

export function PlaylistsPage() {
  const playlists = usePlaylists();
  const accounts = useSpotifyAccounts();
  const signedIn = (accounts.data?.accounts.length ?? 0) > 0;
  return (
    <>
      <PageHeader title="Playlists" subtitle="Find what a playlist has that your library lacks, and fetch it." />
      <div className="stack pl-page">
        {accounts.isSuccess && !signedIn ? (
          <div className="notice notice-info" role="note">
            <div className="notice-body">
              <strong>No Spotify account</strong>
              <span>
                Sign in under <a href={hrefFor({ page: 'settings', section: 'spotify' })}>Settings → Spotify</a> to see your Spotify playlists. Imported playlists work without one.
              </span>
            </div>
          </div>
        ) : null}
        <ImportPlaylistCard />
        <Card title="Your playlists">
          {playlists.isPending ? (
            <p className="muted" role="status">Loading playlists…</p>
          ) : playlists.isError ? (
            <ErrorNotice title="Could not load the playlists" message={playlists.error.message} onRetry={() => void playlists.refetch()} />
          ) : playlists.data.length === 0 ? (
            <EmptyState icon="music" title="No playlists yet">
              {signedIn ? 'Your Spotify account has no playlists. Import one from a file above.' : 'Import a playlist file above, or sign in to Spotify.'}
            </EmptyState>
          ) : (
            <ul className="pl-list" aria-label="Playlists">
              {playlists.data.map((p) => (
                <PlaylistItem key={p.ref} p={p} />
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

function PlaylistItem({ p }: { p: PlaylistSummaryDto }) {
  const show = usePlaylistModal((s) => s.show);
  const run = useMissingRuns().data?.find((r) => r.ref === p.ref);
  const summary = run
    ? run.state === 'running'
      ? `Checking ${formatCount(run.done)} of ${formatCount(run.total)}`
      : `${formatCount(run.owned)} owned · ${formatCount(run.toDownload)} to download${run.review ? ` · ${formatCount(run.review)} to review` : ''}`
    : 'Not analysed yet';
  return (
    <li className="pl-item">
      <div className="pl-item-text">
        <span className="pl-item-name">{p.name}</span>
        <span className="pl-item-meta muted">
          {KIND[p.kind]}
          {p.tracks !== null ? ` · ${formatCount(p.tracks)} ${p.tracks === 1 ? 'track' : 'tracks'}` : ''} · {summary}
        </span>
      </div>
      <Button size="sm" icon="download" aria-label={`Download Missing Tracks: ${p.name}`} onClick={() => show({ ref: p.ref, name: p.name })}>
        Download Missing Tracks
      </Button>
    </li>
  );
}

function ImportPlaylistCard() {
  const show = usePlaylistModal((s) => s.show);
  const inputId = useId();
  const hintId = useId();
  const [path, setPath] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const file = path.trim();
    if (!/\.(csv|m3u8?)$/i.test(file)) {
      setProblem('Give the full path of a .csv (Exportify export), .m3u or .m3u8 file.');
      return;
    }
    setProblem(null);
    const base = file.split(/[\\/]/).pop() ?? file;
    show({ ref: file, name: base.replace(/\.(csv|m3u8?)$/i, '') });
  };
  return (
    <Card title="Import a playlist" description="A CSV exported with Exportify, or an M3U/M3U8 playlist, on the computer running Cassette.">
      <form className="import-form" onSubmit={submit}>
        <label htmlFor={inputId} className="field-label">
          Playlist file
        </label>
        <div className="field-row">
          <input
            id={inputId}
            className="input"
            name="playlist"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder="/home/you/Downloads/playlist.csv"
            autoComplete="off"
            spellCheck={false}
            required
            aria-describedby={hintId}
            aria-invalid={problem ? true : undefined}
          />
          <Button type="submit" variant="primary" icon="upload">
            Open
          </Button>
        </div>
        <p id={hintId} className="field-hint">
          A full path. Opens its dashboard; Begin Search reads the file and adds the playlist to this list.
        </p>
      </form>
      {problem ? <ErrorNotice title="Not a playlist file" message={problem} /> : null}
    </Card>
  );
}
