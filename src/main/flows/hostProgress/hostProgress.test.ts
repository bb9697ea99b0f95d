import { describe, expect, it } from 'vitest';
import type { RunRow } from '../../playlists';
import { summariseRun } from '../missingTracks';
import { HostProgress } from './hostProgress';

const run = (id: number, playlistId: number, state: RunRow['state'], o: Partial<RunRow> = {}): RunRow => ({
  id, playlistId, state, options: {}, done: 0, total: 2, owned: 0, toDownload: 0, review: 0, library: null, error: null, startedAt: 0, updatedAt: 0, finishedAt: null, ...o,
});

function harness(runs: RunRow[], trackStatus: 'queued' | 'downloaded' = 'downloaded') {
  const announced = new Set<number>();
  const notes: string[] = [];
  const lines: string[] = [];
  const progress = new HostProgress({
    playlists: {
      unannouncedRuns: () => runs.filter((r) => !announced.has(r.id)),
      markAnnounced: (id) => !announced.has(id) && Boolean(announced.add(id)),
      get: (id) => ({ id, ref: `p${id}`, kind: 'm3u', name: `List ${id}`, account: null, tracks: 2, updatedAt: 0 }),
    },
    summary: (_, r) => summariseRun(r.state, [{ status: 'owned', decision: null, trackStatus: 'downloaded' }, { status: 'download', decision: null, trackStatus }]),
    queue: () => ({ pending: trackStatus === 'queued' ? 1 : 0, inProgress: 0, completed: 0 }),
    notifier: { progress: (_, s) => lines.push(s), notify: (t, b) => notes.push(`${t}: ${b}`) },
  });
  return { progress, announced, notes, lines };
}

describe('HostProgress', () => {
  it('announces a finished run once, however often it refreshes', () => {
    const h = harness([run(1, 1, 'finished')]);
    h.progress.refresh();
    h.progress.refresh();
    expect(h.notes).toEqual(['List 1: 1 downloaded, 1 already owned']);
    expect(h.lines).toEqual(['Idle']);
  });

  it('says why a failed analysis stopped; a cancelled one and one a newer run replaced are marked without a word', () => {
    const h = harness([run(1, 1, 'finished'), run(2, 1, 'cancelled'), run(3, 2, 'failed', { error: 'The library folder is gone' })]);
    h.progress.refresh();
    expect(h.notes).toEqual(['List 2: The analysis stopped: The library folder is gone. Open the playlist to start it again.']);
    expect([...h.announced].sort()).toEqual([1, 2, 3]);
  });

  it('follows a running analysis and a run whose downloads are queued, announcing neither', () => {
    const h = harness([run(1, 1, 'running', { done: 1 }), run(2, 2, 'finished')], 'queued');
    const a = h.progress.refresh();
    expect(a.summary).toBe('List 1: checking 1/2 · List 2: 1/2 · 1 queued');
    expect(h.notes).toEqual([]);
    // Pushed only when it changes.
    h.progress.refresh();
    expect(h.lines).toHaveLength(1);
  });
});
