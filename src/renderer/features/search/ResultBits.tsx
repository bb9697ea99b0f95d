// The small pieces every result shows: format and quality badges, the peer, and the two download buttons.
import type { SearchFileDto, SearchSingleDto } from '../../../shared/contract';
import { Button, Icon } from '../../components';
import { formatBytes } from '../../format';
import { useMatchedDownloadSlot, type MatchedDownloadRequest } from './matchedDownloadSlot';
import { audioFacts, formatLength, peerSummary } from './searchFormat';

export function QualityBadges({ file }: { file: Pick<SearchFileDto, 'format' | 'quality' | 'qualityLabel' | 'bitRate' | 'bitDepth' | 'sampleRate' | 'isVariableBitRate'> }) {
  const lossless = file.format === 'flac';
  const facts = audioFacts(file);
  return (
    <span className="search-badges">
      <span className={`chip ${lossless ? 'chip-lossless' : 'chip-lossy'}`}>{file.qualityLabel}</span>
      {facts ? <span className="search-fact tabular">{facts}</span> : null}
    </span>
  );
}

export function FileFacts({ size, lengthSec }: { size: number; lengthSec: number | null }) {
  const length = formatLength(lengthSec);
  return (
    <span className="search-fact tabular">
      {length ? `${length} · ` : ''}
      {formatBytes(size)}
    </span>
  );
}

export function PeerInfo({ peer }: { peer: SearchSingleDto['peer'] }) {
  return (
    <span className="search-peer" title={`Shared by ${peer.username}`}>
      <Icon name="music" size={13} aria-hidden="true" />
      <span className="search-peer-name">{peer.username}</span>
      <span className={peer.hasFreeUploadSlot ? 'search-peer-free' : 'search-peer-busy'}>{peerSummary(peer)}</span>
    </span>
  );
}

/** Download and Matched Download side by side; `label` names what they act on for assistive technology. */
export function DownloadButtons({ label, queued, busy, onDownload, matched, album = false }: {
  label: string;
  queued: boolean;
  busy: boolean;
  onDownload(): void;
  matched: MatchedDownloadRequest;
  album?: boolean;
}) {
  const handler = useMatchedDownloadSlot((s) => s.handler);
  const what = album ? 'Download album' : 'Download';
  const matchedWhat = album ? 'Matched album download' : 'Matched Download';
  return (
    <span className="search-actions">
      <Button size="sm" variant={album ? 'primary' : 'secondary'} icon={queued ? 'check' : 'download'} busy={busy} disabled={queued} onClick={onDownload} aria-label={`${queued ? 'Queued' : what}: ${label}`}>
        {queued ? 'Queued' : what}
      </Button>
      {handler ? (
        <Button size="sm" variant="ghost" icon="search" onClick={() => handler(matched)} aria-label={`${matchedWhat}: ${label}`}>
          {matchedWhat}
        </Button>
      ) : (
        <Button size="sm" variant="ghost" icon="search" className="btn-unavailable" aria-disabled="true" title="Matched Download is coming" aria-label={`${matchedWhat} (coming): ${label}`} onClick={(e) => e.preventDefault()}>
          {matchedWhat}
        </Button>
      )}
    </span>
  );
}
