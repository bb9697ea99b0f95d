// Mounted once by the app: shows the artist modal for whatever target `openMatchedDownload` was given, and a
// short status line after a pick.
import { useEffect, useState } from 'react';
import { ArtistPickerModal } from './ArtistPickerModal';
import { useMatchedTarget } from './matchedTargetStore';

export function MatchedDownloadHost() {
  const target = useMatchedTarget((s) => s.target);
  const close = useMatchedTarget((s) => s.close);
  const [message, setMessage] = useState<string | null>(null);
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
