// Mounted once by the app: shows the artist modal for whatever target `openMatchedDownload` was given, and a
// short status line after a pick. A Soulseek file or folder whose modal is closed without a pick downloads
// normally and stays in the downloads folder (a matched request without an artist), started here so that it
// outlives the modal.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SearchFileDto } from '../../../shared/contract';
import { request, useApi, type CassetteClient } from '../../api';
import { fileKey, useMatchedDownloadSlot, useSearchPage, type MatchedDownloadRequest } from '../search';
import { ArtistPickerModal } from './ArtistPickerModal';
import { openMatchedDownload, useMatchedTarget, type MatchTarget } from './matchedTargetStore';

export function MatchedDownloadHost() {
  const target = useMatchedTarget((s) => s.target);
  const close = useMatchedTarget((s) => s.close);
  const [message, setMessage] = useState<string | null>(null);
  const api = useApi();
  const queryClient = useQueryClient();
  const dismiss = (t: MatchTarget) => {
    close();
    if (t.kind === 'finished' || !t.plainDownload) return;
    t.plainDownload().then(
      (m) => {
        void queryClient.invalidateQueries({ queryKey: ['queue'] });
        setMessage(m);
      },
      (e: unknown) => setMessage(`The normal download did not start: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  // The Search page's Matched Download buttons open this modal.
  useEffect(() => useMatchedDownloadSlot.getState().register((r) => openMatchedDownload(targetOfSearch(api, r))), [api]);
  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => setMessage(null), 6_000);
    return () => clearTimeout(t);
  }, [message]);
  return (
    <>
      {target ? <ArtistPickerModal key={JSON.stringify(target)} target={target} onClose={close} onDismiss={() => dismiss(target)} onStarted={setMessage} /> : null}
      <div className="matched-status" role="status" aria-live="polite">
        {message}
      </div>
    </>
  );
}

/** A Search page request as the modal's target; closing it without a pick downloads it unmatched (kept in the downloads folder). */
function targetOfSearch(api: CassetteClient, r: MatchedDownloadRequest): MatchTarget {
  const peer = (f: SearchFileDto) => ({ username: r.username, filename: f.filename, size: f.size, ...(f.lengthSec ? { durationMs: Math.round(f.lengthSec * 1000) } : {}) });
  // No artist: a matched request that is not matched — the file stays in the downloads folder, as it came.
  const plainDownload = async () => {
    const files = r.files.map(peer);
    const rows = r.kind === 'file' && files[0]
      ? [await request(api, 'match.download', { file: files[0], artist: null })]
      : await request(api, 'match.downloadAlbum', { files, artist: null });
    // The Search page's rows show these as queued, as after its own Download.
    useSearchPage.getState().markQueued(r.files.map((f) => fileKey(r.username, f.filename)));
    return `Downloading ${rows.length} file${rows.length === 1 ? '' : 's'} without matching: ${rows.length === 1 ? 'it stays' : 'they stay'} in the downloads folder`;
  };
  const first = r.files[0];
  if (r.kind === 'file' && first) return { kind: 'peer', file: peer(first), label: first.title || first.name, plainDownload };
  const label = r.album ? [r.album.artist, r.album.album].filter(Boolean).join(' – ') : (first?.folder ?? 'Album');
  return { kind: 'album', files: r.files.map(peer), label, plainDownload };
}
