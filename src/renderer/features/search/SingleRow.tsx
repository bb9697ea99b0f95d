// One file as a row: title and artist, the file as shared, quality, length and size, the peer, the buttons.
import type { SearchFileDto, SearchSingleDto } from '../../../shared/contract';
import { DownloadButtons, FileFacts, PeerInfo, QualityBadges } from './ResultBits';
import type { MatchedDownloadRequest } from './matchedDownloadSlot';

export function FileRow({ file, peer, showPeer, queued, busy, onDownload, matched }: {
  file: SearchFileDto;
  peer: SearchSingleDto['peer'];
  showPeer: boolean;
  queued: boolean;
  busy: boolean;
  onDownload(): void;
  matched: MatchedDownloadRequest;
}) {
  const label = `${file.title}${file.artist ? ` by ${file.artist}` : ''}`;
  return (
    <div className="search-file" aria-label={label} role="group">
      <div className="search-file-main">
        <span className="search-file-title">
          {file.trackNumber !== null && !showPeer ? <span className="search-track-no tabular">{file.trackNumber}</span> : null}
          <strong>{file.title}</strong>
          {file.artist ? <span className="muted"> · {file.artist}</span> : null}
        </span>
        <span className="search-file-path muted" title={`${file.folder}/${file.name}`}>
          {showPeer && file.folder ? `${file.folder} / ` : ''}
          {file.name}
        </span>
      </div>
      <div className="search-file-meta">
        <QualityBadges file={file} />
        <FileFacts size={file.size} lengthSec={file.lengthSec} />
        {showPeer ? <PeerInfo peer={peer} /> : null}
      </div>
      <DownloadButtons label={label} queued={queued} busy={busy} onDownload={onDownload} matched={matched} />
    </div>
  );
}
