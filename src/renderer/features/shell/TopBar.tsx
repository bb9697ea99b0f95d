// Always visible: what the queue is doing right now, and the one switch that stops or restarts all of it.
import { useConnectionState } from '../../api';
import { formatCount } from '../../format';
import { WaitingNotice } from '../sources';
import { PauseAllButton, useCatalogStatus, useQueueState } from '../status';

export function TopBar() {
  const status = useCatalogStatus();
  const queue = useQueueState();
  const connection = useConnectionState();
  const s = status.data;
  return (
    <div className="topbar">
      <div className="topbar-activity" role="group" aria-label="Queue activity">
        {queue.data?.paused ? <span className="chip chip-warning">Paused</span> : null}
        {s ? (
          <>
            <LiveCount label="downloading" value={s.downloading} tone="info" />
            <LiveCount label="queued" value={s.queued} tone="neutral" />
            <LiveCount label="failed" value={s.failed} tone={s.failed ? 'danger' : 'neutral'} />
          </>
        ) : (
          <span className="muted">{connection === 'open' ? 'Loading…' : connection === 'connecting' ? 'Connecting…' : 'Offline'}</span>
        )}
      </div>
      <WaitingNotice />
      <div className="topbar-actions">
        <span className={`connection-dot connection-${connection}`} title={connectionText(connection)}>
          <span className="visually-hidden">{connectionText(connection)}</span>
        </span>
        <PauseAllButton />
      </div>
    </div>
  );
}

function LiveCount({ label, value, tone }: { label: string; value: number; tone: 'info' | 'neutral' | 'danger' }) {
  return (
    <span className={`live-count live-count-${tone}${value ? '' : ' live-count-zero'}`} title={`${formatCount(value)} ${label}`}>
      <span className="live-count-value tabular">{formatCount(value)}</span> <span className="live-count-label">{label}</span>
    </span>
  );
}

function connectionText(state: string): string {
  if (state === 'open') return 'Connected';
  if (state === 'connecting') return 'Connecting';
  if (state === 'unauthorized') return 'Not authorised';
  return 'Disconnected, retrying';
}
