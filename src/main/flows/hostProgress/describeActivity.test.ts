import { describe, expect, it } from 'vitest';
import { describeActivity, SUMMARY_MAX } from './describeActivity';

const idle = { pending: 0, inProgress: 0, completed: 0 };

describe('describeActivity', () => {
  it('is idle with nothing queued and no playlist under way', () => {
    expect(describeActivity(idle, [])).toEqual({ fraction: null, summary: 'Idle' });
    expect(describeActivity({ ...idle, completed: 40 }, [])).toEqual({ fraction: null, summary: 'Idle' });
  });

  it('follows the queue alone when no playlist runs', () => {
    expect(describeActivity({ pending: 6, inProgress: 2, completed: 2 }, [])).toEqual({ fraction: 0.2, summary: '2 downloading, 6 queued' });
  });

  it('names a running playlist with its progress and the downloads in flight', () => {
    const a = describeActivity({ pending: 80, inProgress: 3, completed: 10 }, [{ name: 'Road trip', checking: false, done: 34, total: 120 }]);
    expect(a.summary).toBe('Road trip: 34/120 · 3 downloading');
    expect(a.fraction).toBeCloseTo(34 / 120);
  });

  it('says when a playlist is still being checked, and the fraction covers every playlist', () => {
    const a = describeActivity({ ...idle, pending: 5 }, [
      { name: 'Road trip', checking: true, done: 10, total: 100 },
      { name: 'Gym', checking: false, done: 50, total: 100 },
    ]);
    expect(a.summary).toBe('Road trip: checking 10/100 · Gym: 50/100 · 5 queued');
    expect(a.fraction).toBeCloseTo(0.3);
  });

  it('counts the playlists beyond two and keeps the line short enough for a tray tooltip', () => {
    const long = 'A very long playlist name that goes on and on and on';
    const a = describeActivity({ ...idle, inProgress: 1 }, [
      { name: long, checking: false, done: 1, total: 2 },
      { name: long, checking: false, done: 1, total: 2 },
      { name: 'Third', checking: false, done: 0, total: 2 },
    ]);
    expect(a.summary).toMatch(/^A very long playlist name that…: 1\/2 · A very long playlist name that…: 1\/2 · \+1 more · 1 downloading$/);
    expect([...a.summary].length).toBeLessThanOrEqual(SUMMARY_MAX);
    expect(a.fraction).toBeCloseTo(2 / 6);
  });

  it('has no fraction for playlists without tracks', () => {
    expect(describeActivity(idle, [{ name: 'Empty', checking: true, done: 0, total: 0 }])).toEqual({ fraction: null, summary: 'Empty: checking 0/0' });
  });
});
