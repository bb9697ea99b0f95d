// The library connectors against their emulators and the mirror they refresh: Plex paging and auth, the real
// Plex track shape, Jellyfin and Subsonic listings, a folder scan by mtime and size, incremental refreshes, and
// the two ways a server is unreachable.
import { readFileSync } from 'node:fs';
import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/db';
import {
  FolderConnector, JellyfinConnector, LibraryUnreachableError, MirrorStore, PlexConnector, SubsonicConnector, plexToMirror, plexTracksPageSchema,
} from '../../src/main/providers';
import { startJellyfinEmulator } from '../emulators/jellyfin';
import { generateLibrary, startPlexEmulator, type LibraryTrackSpec } from '../emulators/plex';
import { startSubsonicEmulator } from '../emulators/subsonic';
import { makeTone } from '../support/audio';
import { FakeClock, tempDir } from '../support/testCore';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function mirrorDb(): Promise<{ db: Db; store: MirrorStore; clock: FakeClock; dir: string }> {
  const t = await tempDir('cassette-mirror-');
  const db = openDatabase(join(t.dir, 'catalog.db'));
  cleanups.push(t.cleanup, () => {
    db.close();
  });
  const clock = new FakeClock();
  return { db, store: new MirrorStore(db, clock), clock, dir: t.dir };
}

async function plexWith(tracks: LibraryTrackSpec[]) {
  const plex = await startPlexEmulator({
    token: 'plex-secret',
    sections: [
      { key: '1', title: 'Movies', type: 'movie' },
      { key: '5', title: 'Music', type: 'artist', tracks },
    ],
  });
  cleanups.push(() => plex.close());
  return plex;
}

describe('Plex', () => {
  it('parses the real Plex track listing (fixture) into mirror tracks', () => {
    const raw: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/real/plex/music_tracks.json'), 'utf8'));
    const page = plexTracksPageSchema.parse(raw);
    const t = plexToMirror('5', page.MediaContainer.Metadata[0]!);
    expect(t).toMatchObject({
      title: 'Try It Out (Neon mix)', artists: ['Skrillex'], album: 'Try It Out', trackNumber: 1, discNumber: 1, durationSec: 5.5,
      path: '/data/Music/Skrillex - Try It Out (2003)/01 - TRY IT OUT (NEON MIX).aac', sizeBytes: 100262,
    });
  });

  it('mirrors every music section track in pages of at least 100, and refreshes incrementally', async () => {
    const library = generateLibrary(250);
    const plex = await plexWith(library);
    const { store } = await mirrorDb();
    const connector = new PlexConnector({ url: plex.url, token: 'plex-secret', pageSize: 100 });
    const first = await store.refresh(connector);
    expect(first).toMatchObject({ added: 250, updated: 0, removed: 0, total: 250 });
    expect(plex.pageSizes).toEqual([100, 100, 100]);
    expect(plex.requests.filter((r) => r.includes('/library/sections/1/'))).toEqual([]);
    expect(store.tracks('plex')).toHaveLength(250);

    const changed = library.slice(1).map((t, i) => (i === 0 ? { ...t, title: 'Renamed on the server' } : t));
    plex.setTracks('5', changed);
    const second = await store.refresh(connector);
    expect(second).toMatchObject({ added: 0, updated: 1, removed: 1, unchanged: 248, total: 249 });
    expect(store.tracks('plex').some((t) => t.title === 'Renamed on the server')).toBe(true);
    expect(store.state('plex')).toMatchObject({ trackCount: 249, origin: plex.url });
  });

  it('never asks for pages smaller than 100', async () => {
    const plex = await plexWith(generateLibrary(120));
    const { store } = await mirrorDb();
    await store.refresh(new PlexConnector({ url: plex.url, token: 'plex-secret', pageSize: 10 }));
    expect(plex.pageSizes).toEqual([100, 100]);
  });

  it('a refused token is an auth problem naming PLEX_TOKEN, not an unreachable server', async () => {
    const plex = await plexWith(generateLibrary(3));
    const { store } = await mirrorDb();
    const e = await store.refresh(new PlexConnector({ url: plex.url, token: 'wrong' })).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'auth_required' });
    expect(String((e as Error).message)).toContain('PLEX_TOKEN');
    expect(String((e as Error).message)).not.toContain('wrong');
  });

  it('a server that never answers is unreachable after the timeout; a refused connection at once; the mirror stays', async () => {
    const plex = await plexWith(generateLibrary(5));
    const { store } = await mirrorDb();
    await store.refresh(new PlexConnector({ url: plex.url, token: 'plex-secret' }));
    plex.hang(true);
    const hung = await store.refresh(new PlexConnector({ url: plex.url, token: 'plex-secret', timeoutMs: 300 })).catch((x: unknown) => x);
    expect(hung).toBeInstanceOf(LibraryUnreachableError);
    expect((hung as LibraryUnreachableError).reason).toBe('it did not answer in time');
    // A server that is down from the start (no pooled connection to it): the connection is refused.
    const down = await plexWith([]);
    await down.offline();
    const refused = await store.refresh(new PlexConnector({ url: down.url, token: 'plex-secret' })).catch((x: unknown) => x);
    expect(refused).toBeInstanceOf(LibraryUnreachableError);
    expect((refused as LibraryUnreachableError).reason).toBe('the connection was refused');
    expect(store.tracks('plex')).toHaveLength(5);
  });
});

describe('Jellyfin and Subsonic', () => {
  it('Jellyfin: every Audio item with its path and length, paged, with the API key in the MediaBrowser header', async () => {
    const jf = await startJellyfinEmulator({ apiKey: 'jf-key', tracks: generateLibrary(30) });
    cleanups.push(() => jf.close());
    const { store } = await mirrorDb();
    const r = await store.refresh(new JellyfinConnector({ url: jf.url, apiKey: 'jf-key', pageSize: 12 }));
    expect(r).toMatchObject({ added: 30, total: 30 });
    expect(jf.pageSizes).toEqual([12, 12, 12]);
    const first = store.tracks('jellyfin').find((t) => t.path === generateLibrary(1)[0]!.path);
    expect(first).toMatchObject({ title: generateLibrary(1)[0]!.title, durationSec: generateLibrary(1)[0]!.durationSec });
    const bad = await store.refresh(new JellyfinConnector({ url: jf.url, apiKey: 'nope' })).catch((x: unknown) => x);
    expect(bad).toMatchObject({ code: 'auth_required' });
  });

  it('Subsonic: token + fresh salt on every request, all songs through search3, wrong password said plainly', async () => {
    const ss = await startSubsonicEmulator({ user: 'ann', password: 'pw', tracks: generateLibrary(1200) });
    cleanups.push(() => ss.close());
    const { store } = await mirrorDb();
    const r = await store.refresh(new SubsonicConnector({ url: ss.url, user: 'ann', password: 'pw' }));
    expect(r).toMatchObject({ added: 1200, total: 1200 });
    expect(new Set(ss.salts).size).toBe(ss.salts.length);
    expect(ss.requests.every((q) => !q.includes('pw'))).toBe(true);
    const bad = await store.refresh(new SubsonicConnector({ url: ss.url, user: 'ann', password: 'wrong' })).catch((x: unknown) => x);
    expect(bad).toMatchObject({ code: 'auth_required' });
    expect(ss.unauthorized).toBe(1);
  });
});

describe('folder', () => {
  it('reads tags once; a re-scan reopens only files whose size or mtime changed', async () => {
    const { store, dir } = await mirrorDb();
    const lib = join(dir, 'Music');
    const a = await makeTone(join(lib, 'Artist', 'Album', '01 First Song.mp3'), { seconds: 2, format: 'mp3' });
    await makeTone(join(lib, 'Artist', 'Album', '02 Second Song.flac'), { seconds: 3, format: 'flac' });
    const connector = new FolderConnector(lib);
    expect(await store.refresh(connector)).toMatchObject({ added: 2, total: 2 });
    expect(store.tracks('folder').map((t) => t.title).sort()).toEqual(['First Song', 'Second Song']);
    expect(await store.refresh(connector)).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    await writeFile(a, readFileSync(a));
    await utimes(a, new Date(), new Date(Date.now() + 5000));
    expect(await store.refresh(connector)).toMatchObject({ updated: 1, unchanged: 1 });
    const missing = await store.refresh(new FolderConnector(join(dir, 'nowhere'))).catch((x: unknown) => x);
    expect(missing).toBeInstanceOf(LibraryUnreachableError);
  });
});
