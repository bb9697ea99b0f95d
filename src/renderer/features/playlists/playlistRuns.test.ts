import { describe, expect, it } from 'vitest';
import type { MissingEntryDto, MissingRunDto, PlaylistDownloadsDto } from '../../../shared/contract';
import { bubbleRuns, downloadedVerdict, matchedVerdict, mergeRun } from './playlistRuns';

const run = (o: Partial<MissingRunDto> = {}): MissingRunDto => ({
  runId: 1, playlistId: 1, ref: '/p/a.csv', name: 'A', state: 'running', done: 0, total: 3, owned: 0, toDownload: 0, review: 0,
  library: null, error: null, startedAt: 0, finishedAt: null, ...o,
});
const entry = (o: Partial<MissingEntryDto> = {}): MissingEntryDto => ({
  key: 'k', position: 0, title: 'Roads', artists: ['Portishead'], album: null, status: 'download', confidence: null, match: null, decision: null, trackId: null, awaiting: null, ignored: false, ...o,
});
const downloads = (queued: number, downloading = 0): PlaylistDownloadsDto => ({
  counts: { tracks: queued + downloading, missing: 0, queued, downloading, downloaded: 0, failed: 0, review: 0, ignored: 0 }, entries: [], summary: null,
});

describe('mergeRun', () => {
  it('adds a new playlist, replaces with later progress, keeps the newer run', () => {
    expect(mergeRun(undefined, run())).toEqual([run()]);
    expect(mergeRun([run({ done: 1 })], run({ done: 2 }))).toEqual([run({ done: 2 })]);
    expect(mergeRun([run({ done: 2 })], run({ done: 1 }))).toEqual([run({ done: 2 })]);
    expect(mergeRun([run({ runId: 2 })], run({ runId: 1, state: 'finished' }))).toEqual([run({ runId: 2 })]);
    expect(mergeRun([run({ state: 'finished', done: 3 })], run({ done: 3 }))).toEqual([run({ state: 'finished', done: 3 })]);
    expect(mergeRun([run({ done: 3 })], run({ state: 'finished', done: 3 }))).toEqual([run({ state: 'finished', done: 3 })]);
    expect(mergeRun([run({ playlistId: 2 })], run())).toHaveLength(2);
  });
});

describe('matchedVerdict', () => {
  const match = { title: 'Smells Like Teen Spirit', artists: ['Nirvana'], album: 'Nevermind', where: 'plex' as const };
  it.each([
    [entry({ status: 'owned', confidence: 0.97, match }), 'Owned', /Smells Like Teen Spirit.*Plex.*97%/],
    [entry({ status: 'review', confidence: 0.72, match }), 'Review', /72%.*below the 80%/],
    [entry({ status: 'download' }), 'To download', /Nothing like it/],
    [entry({ status: null }), 'Not checked', /Not checked/],
    [entry({ status: 'review', decision: 'owned', match }), 'Owned', /You said this is owned/],
    [entry({ status: 'review', decision: 'not_owned', match }), 'To download', /not this one/],
  ])('%#', (e, label, reason) => {
    const v = matchedVerdict(e);
    expect(v.label).toBe(label);
    expect(v.reason).toMatch(reason);
  });
});

describe('downloadedVerdict', () => {
  it('says where the catalog track stands, with the failure reason on hover', () => {
    expect(downloadedVerdict({ key: 'k', trackId: 1, status: 'failed', error: 'Nobody shares it' }, entry()).reason).toBe('Nobody shares it');
    expect(downloadedVerdict({ key: 'k', trackId: 1, status: 'downloaded', error: null }, entry()).label).toBe('Yes');
    expect(downloadedVerdict(undefined, entry({ status: 'review' })).reason).toMatch(/review/);
  });

  it('names a track waiting for a Soulseek pick, and an ignored one (unless it is in the library after all)', () => {
    const failed = { key: 'k', trackId: 1, status: 'failed' as const, error: 'No file on Soulseek is surely it' };
    expect(downloadedVerdict(failed, entry({ awaiting: 'soulseek' }))).toMatchObject({ label: 'Pick a file', tone: 'warning' });
    expect(downloadedVerdict(failed, entry({ ignored: true }))).toMatchObject({ label: 'Ignored' });
    expect(downloadedVerdict({ ...failed, status: 'downloaded' }, entry({ ignored: true })).label).toBe('Yes');
  });
});

describe('bubbleRuns', () => {
  it('running analyses and finished runs with downloads left, except the open or dismissed one', () => {
    const runs = [run(), run({ runId: 2, playlistId: 2, ref: 'b', state: 'finished' }), run({ runId: 3, playlistId: 3, ref: 'c', state: 'finished' })];
    const dl = new Map([['b', downloads(2)], ['c', downloads(0)]]);
    expect(bubbleRuns(runs, dl, null, new Set()).map((r) => r.runId)).toEqual([1, 2]);
    expect(bubbleRuns(runs, dl, '/p/a.csv', new Set([2])).map((r) => r.runId)).toEqual([]);
  });
});
