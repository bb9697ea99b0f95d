import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../../shared/contract';
import { emptyRun, runWithProgress, runWithRows, type SyncJobProgress } from './qobuzRun';
import { relativeToFolder } from './relativeToFolder';

function row(id: number, status: QueueRow['status'], o: Partial<QueueRow> = {}): QueueRow {
  return {
    id, parentId: null, trackId: id, title: `Track ${id}`, artist: 'Artist', album: 'Album', status, priority: 3, source: 'qobuz',
    requestSource: 'sync', requestedBy: 'qobuz-sync', createdAt: 0, startedAt: status === 'in_progress' ? id : null, completedAt: null,
    nextRetryAt: null, retryCount: 0, maxRetries: 3, bytesDownloaded: 0, bytesTotal: null, speed: null, detail: null, errorType: null,
    errorMessage: null, destinationPath: null, tried: [], ...o,
  };
}
const progress = (o: Partial<SyncJobProgress> = {}): SyncJobProgress => ({ job: 'qobuz.sync', label: 'Downloading', done: 0, total: 4, finished: false, ...o });

describe('the live Qobuz run', () => {
  it('counts each row once by its latest outcome, and lists the ones downloading now', () => {
    let run = runWithRows(emptyRun, [row(1, 'in_progress'), row(2, 'in_progress'), row(3, 'pending')]);
    expect(run.active.map((r) => r.id)).toEqual([1, 2]);
    run = runWithRows(run, [row(1, 'completed'), row(2, 'retry_waiting'), row(3, 'in_progress')]);
    expect(run).toMatchObject({ downloaded: 1, failed: 1, cancelled: 0 });
    expect(run.active.map((r) => r.id)).toEqual([3]);
    // A retry that then succeeds moves from failed to downloaded; a repeated event changes nothing.
    run = runWithRows(run, [row(2, 'completed'), row(1, 'completed'), row(3, 'cancelled')]);
    expect(run).toMatchObject({ downloaded: 2, failed: 0, cancelled: 1, active: [] });
  });

  it('ignores rows of other sources (same object: no re-render) and other jobs', () => {
    const run = runWithRows(emptyRun, [row(1, 'completed', { source: 'slskd' })]);
    expect(run).toBe(emptyRun);
    expect(runWithProgress(emptyRun, progress({ job: 'import' }))).toBe(emptyRun);
  });

  it('starts afresh when a run begins after a finished one', () => {
    let run = runWithRows(runWithProgress(emptyRun, progress()), [row(1, 'completed')]);
    run = runWithProgress(run, progress({ finished: true, done: 1 }));
    expect(run.downloaded).toBe(1);
    run = runWithProgress(run, progress({ label: 'Reading Qobuz purchases', total: 0 }));
    expect(run).toMatchObject({ downloaded: 0, progress: { label: 'Reading Qobuz purchases', finished: false } });
    expect(run.statuses.size).toBe(0);
  });
});

describe('relativeToFolder', () => {
  it.each([
    ['/m/Qobuz/A/B/01 - T.mp3', '/m/Qobuz', 'A/B/01 - T.mp3'],
    ['/m/Qobuz/A/B/01 - T.mp3', '/m/Qobuz/', 'A/B/01 - T.mp3'],
    ['/m/Qobuz2/A.mp3', '/m/Qobuz', '/m/Qobuz2/A.mp3'],
    ['C:\\Music\\A\\01.mp3', 'C:\\Music', 'A\\01.mp3'],
  ])('%s under %s → %s', (path, folder, want) => {
    expect(relativeToFolder(path, folder)).toBe(want);
  });
});
