import { describe, expect, it } from 'vitest';
import { decideTrack } from './decide';
import type { PlanEntry } from './plan';
import type { CatalogQobuzTrack } from '../../catalog';

const ROOT = '/music';
const entry = { path: '/music/A/B/01 - T.mp3' } as PlanEntry;
const known = (o: Partial<CatalogQobuzTrack>): CatalogQobuzTrack =>
  ({ id: 1, qobuzId: 9, albumQobuzId: 'a', title: 'T', version: null, artist: 'A', artistQobuzId: null, trackNumber: 1, discNumber: 1,
    durationSec: 30, isrc: null, plannedPath: entry.path, localPath: null, sizeBytes: null, status: 'missing', ...o });
const disk = (files: Record<string, number>) => (p: string) => files[p] ?? null;

describe('decideTrack', () => {
  it.each([
    ['new: never seen, nothing on disk', undefined, {}, { action: 'download', reason: 'new' }],
    ['skip: the recorded file with the recorded size', known({ localPath: entry.path, sizeBytes: 100, status: 'downloaded' }), { [entry.path]: 100 }, { action: 'skip', path: entry.path }],
    ['skip: an adopted file elsewhere in the folder', known({ localPath: '/music/old/t.mp3', sizeBytes: 5 }), { '/music/old/t.mp3': 5 }, { action: 'skip', path: '/music/old/t.mp3' }],
    ['missing: downloaded once, now gone', known({ localPath: entry.path, sizeBytes: 100 }), {}, { action: 'download', reason: 'missing' }],
    ['missing: reconciled away (no local path), gone', known({ sizeBytes: 100 }), {}, { action: 'download', reason: 'missing' }],
    ['verify: our file changed size (re-tagged or damaged)', known({ localPath: entry.path, sizeBytes: 100 }), { [entry.path]: 60 }, { action: 'verify', path: entry.path, sizeBytes: 60 }],
    ['verify: our file changed size after reconcile dropped the path', known({ sizeBytes: 100 }), { [entry.path]: 60 }, { action: 'verify', path: entry.path, sizeBytes: 60 }],
    ['wrong size: our file elsewhere changed, nothing at the place', known({ localPath: '/music/old/t.mp3', sizeBytes: 5 }), { '/music/old/t.mp3': 9 }, { action: 'download', reason: 'wrong_size' }],
    ['probe: a file nobody recorded at the place', undefined, { [entry.path]: 70 }, { action: 'probe', path: entry.path, sizeBytes: 70 }],
    ['a recorded file outside the folder does not count', known({ localPath: '/other/t.mp3', plannedPath: '/other/t.mp3', sizeBytes: 5 }), { '/other/t.mp3': 5 }, { action: 'download', reason: 'missing' }],
  ] as const)('%s', (_name, k, files, want) => {
    expect(decideTrack(ROOT, entry, k, disk(files))).toEqual(want);
  });
});
