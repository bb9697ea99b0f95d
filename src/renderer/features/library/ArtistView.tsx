// One artist: their albums with how complete each is, and tracks that belong to no album.
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MethodInput } from '../../../shared/contract';
import { hrefFor } from '../../app/route';
import { request, useApi } from '../../api';
import { ErrorNotice } from '../../components';
import { formatCount } from '../../format';
import { PageHeader } from '../shell';
import { AlbumCover } from './AlbumCover';
import { Completeness } from './Completeness';
import { LIBRARY_KEY } from './libraryKeys';
import { SortSelect } from './SortSelect';
import { TrackList } from './TrackList';

type AlbumSort = NonNullable<MethodInput<'library.albums'>['sort']>;
const ALBUM_SORTS: readonly (readonly [AlbumSort, string])[] = [
  ['year', 'Oldest first'],
  ['year_desc', 'Newest first'],
  ['name', 'A → Z'],
  ['completeness', 'Most complete'],
  ['most_missing', 'Most missing'],
  ['recently_added', 'Recently added'],
];

export function ArtistView({ artistId, canReveal }: { artistId: number; canReveal: boolean }) {
  const api = useApi();
  const [sort, setSort] = useState<AlbumSort>('year');
  const albums = useQuery({
    queryKey: [LIBRARY_KEY, 'artist-albums', artistId, sort],
    queryFn: () => request(api, 'library.albums', { artistId, sort, offset: 0, limit: 500 }),
    placeholderData: keepPreviousData,
  });
  const artist = useQuery({
    queryKey: [LIBRARY_KEY, 'artist', artistId],
    queryFn: async () => {
      const loose = await request(api, 'library.tracks', { artistId, withoutAlbum: true, offset: 0, limit: 1 });
      return { loose: loose.total };
    },
  });
  const first = albums.data?.items[0];
  const name = first?.artist ?? 'Artist';
  return (
    <>
      <Breadcrumbs items={[{ label: 'Library', href: hrefFor({ page: 'library' }) }, { label: name }]} />
      <PageHeader title={name} subtitle={albums.data ? `${formatCount(albums.data.total)} ${albums.data.total === 1 ? 'album' : 'albums'}` : undefined} />
      {albums.data && albums.data.total > 1 ? (
        <div className="lib-toolbar">
          <SortSelect<AlbumSort> label="Sort albums" value={sort} options={ALBUM_SORTS} onChange={setSort} />
        </div>
      ) : null}
      {albums.isError ? <ErrorNotice title="Couldn't load the albums" message={albums.error.message} onRetry={() => void albums.refetch()} /> : null}
      <ul className="album-grid" aria-label="Albums">
        {albums.data?.items.map((al) => (
          <li key={al.id}>
            <a className="album-card" href={hrefFor({ page: 'library', albumId: al.id })}>
              <AlbumCover albumId={al.id} size={300} alt="" />
              <span className="album-card-title">{al.title}</span>
              <span className="album-card-sub">{al.year ?? ''}</span>
              <Completeness c={al} expected={al.trackCount} />
            </a>
          </li>
        ))}
      </ul>
      {artist.data && artist.data.loose > 0 ? (
        <section className="lib-section" aria-labelledby="loose-heading">
          <h2 id="loose-heading">Tracks outside an album</h2>
          <TrackList filter={{ artistId, withoutAlbum: true }} canReveal={canReveal} label="Tracks outside an album" />
        </section>
      ) : null}
    </>
  );
}

export function Breadcrumbs({ items }: { items: { label: string; href?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {items.map((i, n) => (
          <li key={`${n}-${i.label}`}>
            {i.href ? <a href={i.href}>{i.label}</a> : <span aria-current="page">{i.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
