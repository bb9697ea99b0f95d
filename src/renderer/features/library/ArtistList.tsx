// Every artist, A→Z (or by what they miss), searchable; one row each with how complete they are.
import type { LibraryArtistDto, MethodInput } from '../../../shared/contract';
import { hrefFor } from '../../app/route';
import { request, useApi } from '../../api';
import { Icon } from '../../components';
import { formatCount } from '../../format';
import { AlbumCover } from './AlbumCover';
import { Completeness } from './Completeness';
import { LIBRARY_KEY } from './libraryKeys';
import { NothingHere, PagedVirtualList } from './PagedVirtualList';

export function ArtistList({ search, sort }: { search: string; sort: MethodInput<'library.artists'>['sort'] }) {
  const api = useApi();
  return (
    <PagedVirtualList<LibraryArtistDto>
      queryKey={[LIBRARY_KEY, 'artists', search, sort]}
      fetchPage={(offset, limit) => request(api, 'library.artists', { search: search || undefined, sort, offset, limit })}
      rowHeight={64}
      label="Artists"
      empty={<NothingHere title={search ? `No artist matches “${search}”` : 'No artists yet'} body={search ? 'Try part of the name, or search tracks.' : 'Import a folder to fill your library.'} />}
      renderRow={(a) => (
        <a className="lib-item" href={hrefFor({ page: 'library', artistId: a.id })}>
          {a.coverAlbumId !== null ? (
            <AlbumCover albumId={a.coverAlbumId} size={96} alt="" className="lib-avatar-cover" placeholderIconSize={18} />
          ) : (
            <span className="lib-avatar" aria-hidden="true">
              {a.name.trim().charAt(0).toUpperCase() || '?'}
            </span>
          )}
          <span className="lib-item-main">
            <span className="lib-item-title">{a.name}</span>
            <span className="lib-item-sub">
              {formatCount(a.albums)} {a.albums === 1 ? 'album' : 'albums'} · {formatCount(a.tracks)} {a.tracks === 1 ? 'track' : 'tracks'}
            </span>
          </span>
          <Completeness c={a} />
          <Icon name="chevronRight" size={16} className="lib-item-chevron" />
        </a>
      )}
    />
  );
}
