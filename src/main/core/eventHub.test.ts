// Coalescing: finished rows go out at once, the counters (an SQL count) at most once per interval.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueRow } from '../../shared/contract';
import { EventHub } from './eventHub';

const counters = { songs: 1, artists: 1, albums: 0, missing: 0, queued: 0, downloading: 0, downloaded: 1, failed: 0 };
const row = (id: number, status: QueueRow['status']): QueueRow => ({
  id, parentId: null, trackId: id, title: `T${id}`, artist: 'A', album: null, status, priority: 2, source: 'slskd', requestSource: 'user',
  requestedBy: 'local', createdAt: 0, startedAt: null, completedAt: null, nextRetryAt: null, retryCount: 0, maxRetries: 8,
  bytesDownloaded: 0, bytesTotal: null, speed: null, detail: null, errorType: null, errorMessage: null, destinationPath: null, tried: [],
});

afterEach(() => vi.useRealTimers());

describe('EventHub', () => {
  it('pushes a finished row at once but counts the catalog once for a burst of finished rows', () => {
    vi.useFakeTimers();
    const statusOf = vi.fn(() => counters);
    const hub = new EventHub(statusOf, 150);
    const rows: number[][] = [];
    const statuses: unknown[] = [];
    hub.on('queue.rows', (r) => rows.push(r.map((x) => x.id)));
    hub.on('catalog.status', (s) => statuses.push(s));
    for (let id = 1; id <= 50; id++) hub.rowChanged(row(id, 'completed'));
    expect(rows).toHaveLength(50);
    expect(statusOf).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150);
    expect(statusOf).toHaveBeenCalledTimes(1);
    expect(statuses).toEqual([counters]);
  });

  it('holds progress rows for the interval and sends each row once, latest first', () => {
    vi.useFakeTimers();
    const hub = new EventHub(() => counters, 150);
    const sent: QueueRow[][] = [];
    hub.on('queue.rows', (r) => sent.push(r));
    hub.rowChanged({ ...row(1, 'in_progress'), bytesDownloaded: 10 });
    hub.rowChanged({ ...row(1, 'in_progress'), bytesDownloaded: 20 });
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(150);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((r) => r.bytesDownloaded)).toEqual([20]);
  });
});
