// One track: number, title, its status (with the reason when it failed), where its file is or will go, and
// what you can do — Download when it is missing, Reveal in folder (desktop) when it is on disk.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LibraryTrackDto } from '../../../shared/contract';
import { request, useApi } from '../../api';
import { Button } from '../../components';
import { LIBRARY_KEY } from './libraryKeys';

const STATUS_TEXT: Record<LibraryTrackDto['status'], string> = {
  downloaded: 'On disk',
  missing: 'Missing',
  queued: 'Queued',
  downloading: 'Downloading',
  failed: 'Failed',
};

const duration = (s: number | null) => (s ? `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}` : '');

export function TrackRow({ track, showAlbum, canReveal }: { track: LibraryTrackDto; showAlbum: boolean; canReveal: boolean }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const download = useMutation({
    mutationFn: () => request(api, 'queue.enqueueTrack', { trackId: track.id }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: [LIBRARY_KEY] }),
  });
  const reveal = useMutation({ mutationFn: () => request(api, 'library.reveal', { trackId: track.id }) });
  const canDownload = track.status === 'missing' || track.status === 'failed';
  const name = `${track.title} by ${track.artist}`;
  return (
    <div className={`lib-track lib-track-${track.status}`} aria-label={name}>
      <span className="lib-track-no tabular" aria-hidden="true">
        {track.trackNumber ?? ''}
      </span>
      <div className="lib-track-main">
        <span className="lib-track-title">{track.title}</span>
        <span className="lib-track-sub">
          {track.artist}
          {showAlbum && track.album ? ` · ${track.album}` : ''}
          {track.durationSec ? ` · ${duration(track.durationSec)}` : ''}
        </span>
        {track.path ? (
          <code className="lib-track-path path" title={track.path}>
            {track.path}
          </code>
        ) : null}
        {track.status === 'failed' && track.error ? <span className="lib-track-error">{track.error}</span> : null}
        {download.isError ? <span className="lib-track-error" role="alert">{download.error.message}</span> : null}
        {reveal.isError ? <span className="lib-track-error" role="alert">{reveal.error.message}</span> : null}
      </div>
      <span className={`status-chip status-${track.status}`}>{STATUS_TEXT[track.status]}</span>
      <span className="lib-track-action">
        {canDownload ? (
          <Button size="sm" icon="download" busy={download.isPending} onClick={() => download.mutate()} aria-label={`Download ${name}`}>
            Download
          </Button>
        ) : track.status === 'downloaded' && canReveal ? (
          <Button size="sm" variant="ghost" icon="folder" busy={reveal.isPending} onClick={() => reveal.mutate()} aria-label={`Reveal ${name} in folder`}>
            Reveal
          </Button>
        ) : null}
      </span>
    </div>
  );
}
