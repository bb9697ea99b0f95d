// Library: artists → albums → tracks, searchable and sortable, with what is on disk and what is missing; plus
// the folder import and the reconcile that keep it true.
import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { MethodInput } from '../../../shared/contract';
import { request, useApi } from '../../api';
import { Icon } from '../../components';
import { formatCount } from '../../format';
import { useDebouncedValue } from '../downloads/useDebouncedValue';
import { useCatalogStatus } from '../status';
import { PageHeader } from '../shell';
import { AlbumView } from './AlbumView';
import { ArtistList } from './ArtistList';
import { ArtistView } from './ArtistView';
import { ImportFolderCard } from './ImportFolderCard';
import { ReconcileCard } from './ReconcileCard';
import { SortSelect } from './SortSelect';
import { TrackList } from './TrackList';

type Sort = NonNullable<MethodInput<'library.artists'>['sort']>;
type TrackSort = NonNullable<MethodInput<'library.tracks'>['sort']>;

const ARTIST_SORTS: readonly (readonly [Sort, string])[] = [
  ['name', 'A → Z'],
  ['name_desc', 'Z → A'],
  ['year_desc', 'Newest release'],
  ['year', 'Oldest release'],
  ['completeness', 'Most complete'],
  ['most_missing', 'Most missing'],
  ['most_tracks', 'Most tracks'],
  ['recently_added', 'Recently added'],
];
const TRACK_SORTS: readonly (readonly [TrackSort, string])[] = [
  ['relevance', 'Best match'],
  ['name', 'A → Z'],
  ['name_desc', 'Z → A'],
  ['year_desc', 'Newest release'],
  ['year', 'Oldest release'],
  ['recently_added', 'Recently added'],
];

export function LibraryPage({ artistId, albumId }: { artistId?: number; albumId?: number }) {
  const api = useApi();
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => request(api, 'app.info'), staleTime: Infinity });
  const canReveal = info.data?.canReveal === true;
  if (albumId) return <AlbumView albumId={albumId} canReveal={canReveal} />;
  if (artistId) return <ArtistView artistId={artistId} canReveal={canReveal} />;
  return <LibraryHome canReveal={canReveal} />;
}

function LibraryHome({ canReveal }: { canReveal: boolean }) {
  const status = useCatalogStatus();
  const s = status.data;
  const searchId = useId();
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'artists' | 'tracks'>('artists');
  const [sort, setSort] = useState<Sort>('name');
  const [trackSort, setTrackSort] = useState<TrackSort>('relevance');
  const search = useDebouncedValue(text.trim(), 200);
  return (
    <>
      <PageHeader
        title="Library"
        subtitle={
          s
            ? `${formatCount(s.songs)} songs by ${formatCount(s.artists)} artists on ${formatCount(s.albums)} albums · ${formatCount(s.downloaded)} on disk · ${formatCount(s.missing)} missing`
            : 'Your music on disk.'
        }
      />
      <div className="lib-toolbar" role="search">
        <div className="lib-search">
          <Icon name="search" size={16} />
          <label htmlFor={searchId} className="visually-hidden">
            Search the library
          </label>
          <input id={searchId} className="input" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Search artists or tracks" />
        </div>
        <div className="segmented" role="group" aria-label="Show">
          <button type="button" aria-pressed={mode === 'artists'} onClick={() => setMode('artists')}>
            Artists
          </button>
          <button type="button" aria-pressed={mode === 'tracks'} onClick={() => setMode('tracks')}>
            Tracks
          </button>
        </div>
        {mode === 'artists' ? (
          <SortSelect<Sort> label="Sort artists" value={sort} options={ARTIST_SORTS} onChange={setSort} />
        ) : (
          <SortSelect<TrackSort> label="Sort tracks" value={trackSort} options={TRACK_SORTS} onChange={setTrackSort} />
        )}
      </div>
      {mode === 'artists' ? <ArtistList search={search} sort={sort} /> : <TrackList filter={{ search: search || undefined, sort: trackSort }} canReveal={canReveal} />}
      <div className="grid-2 lib-manage">
        <ImportFolderCard />
        <ReconcileCard />
      </div>
    </>
  );
}
