// Mounted once by the app: shows the artist modal for whatever target `openMatchedDownload` was given, and a
// short status line after a pick.
import { useEffect, useState } from 'react';
import type { SearchFileDto } from '../../../shared/contract';
import { request, useApi, type CassetteClient } from '../../api';
import { useMatchedDownloadSlot, type MatchedDownloadRequest } from '../search';
import { ArtistPickerModal } from './ArtistPickerModal';
import { openMatchedDownload, useMatchedTarget, type MatchTarget } from './matchedTargetStore';

export function MatchedDownloadHost() {
  const target = useMatchedTarget((s) => s.target);
  const close = useMatchedTarget((s) => s.close);
  const [message, setMessage] = useState<string | null>(null);
  const api = useApi();
  // The Search page's Matched Download buttons open this modal.
  useEffect(() => useMatchedDownloadSlot.getState().register((r) => openMatchedDownload(targetOfSearch(api, r))), [api]);
  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => setMessage(null), 6_000);
    return () => clearTimeout(t);
  }, [message]);
  return (
    <>
      {target ? <ArtistPickerModal key={JSON.stringify(target)} target={target} onClose={close} onStarted={setMessage} /> : null}
      <div className="matched-status" role="status" aria-live="polite">
        {message}
      </div>
    </>
  );
}

/** A Search page request as the modal's target; "Download without matching" is that search's plain download. */
function targetOfSearch(api: CassetteClient, r: MatchedDownloadRequest): MatchTarget {
  const peer = (f: SearchFileDto) => ({ username: r.username, filename: f.filename, size: f.size, ...(f.lengthSec ? { durationMs: Math.round(f.lengthSec * 1000) } : {}) });
  const plainDownload = async () => {
    const out = await request(api, 'search.download', { searchId: r.searchId, username: r.username, filenames: r.files.map((f) => f.filename) });
    return `Downloading ${out.rows.length} file${out.rows.length === 1 ? '' : 's'} without matching`;
  };
  const first = r.files[0];
  if (r.kind === 'file' && first) return { kind: 'peer', file: peer(first), label: first.title || first.name, plainDownload };
  const label = r.album ? [r.album.artist, r.album.album].filter(Boolean).join(' – ') : (first?.folder ?? 'Album');
  return { kind: 'album', files: r.files.map(peer), label, plainDownload };
}
