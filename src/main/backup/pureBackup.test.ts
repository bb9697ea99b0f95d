import { describe, expect, it } from 'vitest';
import { diffRuns } from './diffRuns';
import { toCsv, toM3u8 } from './exportRun';
import type { BackupEntry, BackupTrack, PlaylistFile } from './format';
import type { LoadedRun } from './loadRun';
import { runsToPrune } from './retention';
import { compareRunNames, runDirName, type RunInfo, type RunState } from './runStore';

const track = (id: string, extra: Partial<BackupTrack> = {}): BackupTrack => ({
  title: `T${id}`, artists: ['A'], album: 'B', durationMs: 1000, isrc: null, ids: [{ provider: 'spotify', id, uri: `spotify:track:${id}` }], ...extra,
});
const entry = (id: string, extra: Partial<BackupTrack> = {}): BackupEntry => ({ kind: 'track', addedAt: null, addedBy: null, track: track(id, extra) });
const playlist = (id: string, items: BackupEntry[], name = id): PlaylistFile => ({
  format: 'cassette-backup', version: 1, provider: 'spotify', kind: 'playlist', id, uri: null, name, description: null, public: true, collaborative: false,
  owner: { id: 'u', displayName: null }, access: 'owner', snapshotId: 's', cover: null, items,
});
const run = (likes: string[], playlists: PlaylistFile[]): LoadedRun => ({
  dir: '', playlists, skipped: [],
  likes: { format: 'cassette-backup', version: 1, provider: 'spotify', kind: 'likes', userId: 'u', items: likes.map((id) => ({ addedAt: '2026-01-01T00:00:00Z', track: track(id) })) },
});

describe('run names', () => {
  it('are UTC seconds with dashes, and -N runs sort after their base, numerically', () => {
    expect(runDirName(Date.parse('2025-01-15T22:40:00.123Z'))).toBe('2025-01-15T22-40-00Z');
    const names = ['2025-01-15T22-40-00Z-10', '2025-01-15T22-40-01Z', '2025-01-15T22-40-00Z-2', '2025-01-15T22-40-00Z'];
    expect(names.sort(compareRunNames)).toEqual(['2025-01-15T22-40-00Z', '2025-01-15T22-40-00Z-2', '2025-01-15T22-40-00Z-10', '2025-01-15T22-40-01Z']);
  });
});

describe('retention', () => {
  const runs = (states: RunState[]): RunInfo[] => states.map((state, i) => ({ dir: `d${i}`, userId: 'u', name: `n${i}`, state }));
  it.each([
    [['complete', 'complete', 'complete'], 2, ['d0']],
    [['complete', 'partial', 'failed', 'complete'], 1, ['d0']],
    [['complete'], 0, []],
    [['partial', 'paused', 'interrupted', 'complete'], 1, []],
    [['complete', 'complete'], 30, []],
  ] as [RunState[], number, string[]][])('%j keep %i → prune %j', (states, keep, pruned) => {
    expect(runsToPrune(runs(states), keep).map((r) => r.dir)).toEqual(pruned);
  });
});

describe('diffRuns', () => {
  it('reports likes and items added and removed as multisets, and tracks that became unavailable', () => {
    const a = run(['1', '2', '3'], [playlist('p', [entry('x'), entry('x'), entry('y')]), playlist('gone', [])]);
    const b = run(['2', '3', '4'], [playlist('p', [entry('x'), entry('y', { unavailable: true }), entry('z')]), playlist('new', [entry('q')])]);
    const d = diffRuns(a, b);
    expect(d.likesAdded).toEqual(['A – T4']);
    expect(d.likesRemoved).toEqual(['A – T1']);
    const p = d.playlists.find((x) => x.id === 'p');
    expect(p).toMatchObject({ change: 'changed', itemsAdded: ['A – Tz'], itemsRemoved: ['A – Tx'], becameUnavailable: ['A – Ty'] });
    expect(d.playlists.find((x) => x.id === 'new')?.change).toBe('added');
    expect(d.playlists.find((x) => x.id === 'gone')?.change).toBe('removed');
  });

  it('an unchanged playlist is not listed', () => {
    const a = run([], [playlist('p', [entry('x')])]);
    expect(diffRuns(a, a).playlists).toEqual([]);
  });
});

describe('export', () => {
  it('CSV has Exportify’s header, quotes what needs quoting, and keeps local files and episodes', () => {
    const csv = toCsv([
      entry('1', { title: 'Hello, "World"' }),
      { kind: 'local', addedAt: null, addedBy: 'me', local: { title: 'Demo', artists: ['Me'], album: null, durationMs: 5000, uri: 'spotify:local:Me::Demo:5' } },
      { kind: 'missing', addedAt: null, addedBy: null },
    ]).split('\r\n');
    expect(csv[0]?.startsWith('Track URI,Track Name,Artist URI(s),Artist Name(s),Album URI,Album Name,')).toBe(true);
    expect(csv[1]).toContain('"Hello, ""World"""');
    expect(csv[2]?.startsWith('spotify:local:Me::Demo:5,Demo,,Me')).toBe(true);
    expect(csv).toHaveLength(5);
  });

  it('M3U8 has EXTINF lines with seconds and skips missing entries', () => {
    const m = toM3u8('Mix', [entry('1'), { kind: 'missing', addedAt: null, addedBy: null }]);
    expect(m).toBe('#EXTM3U\n#PLAYLIST:Mix\n#EXTINF:1,A - T1\nspotify:track:1\n');
  });
});
