// One album: how complete it is, each track with its status and path, Download for what is missing. The track
// list is virtualised and paged, so a compilation of thousands of tracks scrolls like an EP.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LibraryTrackDto } from '../../../shared/contract';
import { hrefFor } from '../../app/route';
import { request, useApi } from '../../api';
import { Button, ErrorNotice } from '../../components';
import { formatCount } from '../../format';
import { PageHeader } from '../shell';
import { Breadcrumbs } from './ArtistView';
import { AlbumCover } from './AlbumCover';
import { Completeness } from './Completeness';
import { LIBRARY_KEY } from './libraryKeys';
import { NothingHere, PagedVirtualList } from './PagedVirtualList';
import { TrackRow } from './TrackRow';

const ALBUM_PAGE = 500;

export function AlbumView({ albumId, canReveal }: { albumId: number; canReveal: boolean }) {
  const api = useApi();
  const queryClient = useQueryClient();
  // The header needs the album alone; its tracks come a page at a time into the virtualised list below.
  const q = useQuery({ queryKey: [LIBRARY_KEY, 'album', albumId], queryFn: () => request(api, 'library.album', { id: albumId, limit: 1 }) });
  const missingCount = q.data ? q.data.album.missing + q.data.album.failed : 0;
  const downloadAll = useMutation({
    mutationFn: async () => {
      // A compilation may hold thousands of tracks: walk its pages for the ones to fetch.
      const wanted: number[] = [];
      for (let offset = 0; ; offset += ALBUM_PAGE) {
        const page = await request(api, 'library.album', { id: albumId, offset, limit: ALBUM_PAGE });
        for (const t of page.tracks) if (t.status === 'missing' || t.status === 'failed') wanted.push(t.id);
        if (offset + ALBUM_PAGE >= page.total) break;
      }
      for (const trackId of wanted) await request(api, 'queue.enqueueTrack', { trackId });
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
              {missingCount ? (
                <div className="album-head-actions">
                  <Button icon="download" busy={downloadAll.isPending} onClick={() => downloadAll.mutate()}>
                    Download {formatCount(missingCount)} missing
                  </Button>
                </div>
              ) : null}
              {downloadAll.isError ? <ErrorNotice title="Not queued" message={downloadAll.error.message} /> : null}
            </div>
          </div>
          <PagedVirtualList<LibraryTrackDto>
            queryKey={[LIBRARY_KEY, 'album-tracks', albumId]}
            fetchPage={async (offset, limit) => {
              const page = await request(api, 'library.album', { id: albumId, offset, limit });
              return { items: page.tracks, total: page.total };
            }}
            rowHeight={84}
            label="Tracks"
            empty={<NothingHere title="No tracks" body="This album has no tracks in the catalog yet." />}
            renderRow={(t) => <TrackRow track={t} showAlbum={false} canReveal={canReveal} />}
          />
        </>
      ) : q.isPending ? (
        <p className="muted">Loading…</p>
      ) : null}
    </>
  );
}
