// Tracks matching a search (or one artist's tracks outside any album), virtualised.
import type { LibraryTrackDto, MethodInput } from '../../../shared/contract';
import { request, useApi } from '../../api';
import { LIBRARY_KEY } from './libraryKeys';
import { NothingHere, PagedVirtualList } from './PagedVirtualList';
import { TrackRow } from './TrackRow';

export function TrackList({ filter, canReveal, label = 'Tracks' }: { filter: Omit<MethodInput<'library.tracks'>, 'offset' | 'limit'>; canReveal: boolean; label?: string }) {
  const api = useApi();
  return (
    <PagedVirtualList<LibraryTrackDto>
      queryKey={[LIBRARY_KEY, 'tracks', filter]}
      fetchPage={(offset, limit) => request(api, 'library.tracks', { ...filter, offset, limit })}
      rowHeight={84}
      label={label}
      empty={<NothingHere title={filter.search ? `No track matches “${filter.search}”` : 'No tracks'} body="Search looks in titles, artists and albums." />}
      renderRow={(t) => <TrackRow track={t} showAlbum canReveal={canReveal} />}
    />
  );
}
