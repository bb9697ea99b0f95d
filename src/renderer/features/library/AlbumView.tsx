// One album: how complete it is, each track with its status and path, Download for what is missing.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { hrefFor } from '../../app/route';
import { request, useApi } from '../../api';
import { Button, ErrorNotice } from '../../components';
import { PageHeader } from '../shell';
import { Breadcrumbs } from './ArtistView';
import { AlbumCover } from './AlbumCover';
import { Completeness } from './Completeness';
import { LIBRARY_KEY } from './libraryKeys';
import { TrackRow } from './TrackRow';

export function AlbumView({ albumId, canReveal }: { albumId: number; canReveal: boolean }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: [LIBRARY_KEY, 'album', albumId], queryFn: () => request(api, 'library.album', { id: albumId }) });
  const missing = q.data?.tracks.filter((t) => t.status === 'missing' || t.status === 'failed') ?? [];
  const downloadAll = useMutation({
    mutationFn: async () => {
      for (const t of missing) await request(api, 'queue.enqueueTrack', { trackId: t.id });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: [LIBRARY_KEY] }),
  });
  const a = q.data?.album;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Library', href: hrefFor({ page: 'library' }) },
          ...(a ? [{ label: a.artist, href: hrefFor({ page: 'library', artistId: a.artistId }) }, { label: a.title }] : []),
        ]}
      />
      {q.isError ? <ErrorNotice title="Couldn't load the album" message={q.error.message} onRetry={() => void q.refetch()} /> : null}
      {a ? (
        <>
          <div className="album-head">
            <AlbumCover albumId={a.id} size={300} alt={`Cover of ${a.title} by ${a.artist}`} className="album-cover-lg" placeholderIconSize={40} />
            <div className="album-head-text">
              <PageHeader title={a.title} subtitle={`${a.artist}${a.year ? ` · ${a.year}` : ''}`} />
              <Completeness c={a} expected={a.trackCount} />
              {missing.length ? (
                <div className="album-head-actions">
                  <Button icon="download" busy={downloadAll.isPending} onClick={() => downloadAll.mutate()}>
                    Download {missing.length} missing
                  </Button>
                </div>
              ) : null}
              {downloadAll.isError ? <ErrorNotice title="Not queued" message={downloadAll.error.message} /> : null}
            </div>
          </div>
          <div className="lib-tracks" role="list" aria-label="Tracks">
            {q.data!.tracks.map((t) => (
              <div role="listitem" key={t.id}>
                <TrackRow track={t} showAlbum={false} canReveal={canReveal} />
              </div>
            ))}
          </div>
        </>
      ) : q.isPending ? (
        <p className="muted">Loading…</p>
      ) : null}
    </>
  );
}
