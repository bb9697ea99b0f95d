// A peer's folder as an album: what the folder says (artist, album, year), its quality and size, the peer, and
// its tracks when opened, each with its own Download.
import type { SearchAlbumDto, SearchFileDto } from '../../../shared/contract';
import { formatCount } from '../../format';
import { DownloadButtons, FileFacts, PeerInfo } from './ResultBits';
import { FileRow } from './SingleRow';
import type { MatchedDownloadRequest } from './matchedDownloadSlot';
import { fileKey } from './searchPageStore';

export function AlbumCard({ album, searchId, expanded, onToggle, queued, busy, onDownload }: {
  album: SearchAlbumDto;
  searchId: string;
  expanded: boolean;
  onToggle(): void;
  queued: ReadonlySet<string>;
  busy: ReadonlySet<string>;
  onDownload(files: SearchFileDto[]): void;
}) {
  const user = album.peer.username;
  const label = `${album.album}${album.artist ? ` by ${album.artist}` : ''}`;
  const panel = `album-${encodeURIComponent(album.id)}`;
  const allQueued = album.files.every((f) => queued.has(fileKey(user, f.filename)));
  const albumRequest: MatchedDownloadRequest = {
    kind: 'album', searchId, username: user, files: album.files, album: { artist: album.artist, album: album.album, year: album.year },
  };
  return (
    <article className="search-album" aria-label={label}>
      <div className="search-album-head">
        <button type="button" className="search-album-toggle" aria-expanded={expanded} aria-controls={panel} onClick={onToggle}>
          <span aria-hidden="true" className={`search-chevron${expanded ? ' open' : ''}`} />
          <span className="search-album-title">
            <strong>{album.album}</strong>
            <span className="muted">
              {album.artist ?? 'Unknown artist'}
              {album.year ? ` · ${album.year}` : ''}
            </span>
          </span>
          <span className="visually-hidden">{expanded ? ', hide tracks' : ', show tracks'}</span>
        </button>
        <div className="search-file-meta">
          <span className="search-badges">
            <span className={`chip ${album.formats.includes('flac') ? 'chip-lossless' : 'chip-lossy'}`}>{album.qualityLabel}</span>
            {album.formats.length > 1 ? <span className="search-fact">{album.formats.map((f) => f.toUpperCase()).join(' + ')}</span> : null}
          </span>
          <span className="search-fact tabular">{formatCount(album.files.length)} tracks</span>
          <FileFacts size={album.size} lengthSec={album.lengthSec} />
          <PeerInfo peer={album.peer} />
        </div>
        <DownloadButtons
          album
          label={label}
          queued={allQueued}
          busy={album.files.some((f) => busy.has(fileKey(user, f.filename)))}
          onDownload={() => onDownload(album.files.filter((f) => !queued.has(fileKey(user, f.filename))))}
          matched={albumRequest}
        />
      </div>
      {expanded ? (
        <div id={panel} className="search-album-tracks" role="list" aria-label={`Tracks of ${label}`}>
          {album.files.map((f) => (
            <div role="listitem" key={f.filename}>
              <FileRow
                file={f}
                peer={album.peer}
                showPeer={false}
                queued={queued.has(fileKey(user, f.filename))}
                busy={busy.has(fileKey(user, f.filename))}
                onDownload={() => onDownload([f])}
                matched={{ kind: 'file', searchId, username: user, files: [f], album: albumRequest.album }}
              />
            </div>
          ))}
        </div>
      ) : null}
    </article>
  );
}
