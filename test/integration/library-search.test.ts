// Library search through the contract: FTS5 trigram matches with folded diacritics, prefix matches for one or two
// characters, words across title/artist/album, characters that are FTS syntax taken literally, ranking, and an
// index the triggers keep in step with imports, renames and deletions.
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { makeTone } from '../support/audio';
import { openTestCore, tempDir } from '../support/testCore';

const run = promisify(execFile);
let core: Core;
let dir: string;
let cleanup: () => Promise<void>;

const WEIRD = `Say "Hello" (Remix) - Part 1 * 'Edit'`;
beforeAll(async () => {
  const t = await tempDir('cassette-library-search-');
  ({ dir, cleanup } = t);
  core = openTestCore(join(dir, 'data'), { reconcileOnStart: false });
  const seed = (artist: string, album: string | null, titles: string[]) => {
    const albumId = album ? core.catalog.upsertAlbum({ title: album, artist: { name: artist } }) : undefined;
    titles.forEach((title, i) => core.catalog.upsertTrack({ title, artist: { name: artist }, albumId, trackNumber: i + 1 }));
  };
  seed('Beyoncé', 'I Am... Sasha Fierce', ['Halo', 'Halo (Live)', 'Single Ladies']);
  seed('Øystein Sevåg', 'Link', ['Smørrebrød']);
  seed('AC/DC', 'Back in Black', ['Hells Bells', 'You Shook Me All Night Long']);
  seed('Кино', 'Группа крови', ['Кукушка']);
  seed('Halo Benders', "God Don't Make No Junk", ["Don't Touch My Bikini"]);
  seed('Various', null, [WEIRD, 'Angel Halo', 'Ab', 'Gone']);
});
afterAll(async () => {
  await core.close();
  await cleanup();
});

const tracks = async (search: string, page = { offset: 0, limit: 100 }) => {
  const r = await core.handlers['library.tracks']({ search, ...page });
  expect(r.items.length).toBe(Math.min(r.total - page.offset, page.limit));
  return r;
};
const titles = async (search: string) => (await tracks(search)).items.map((t) => t.title);
const artists = async (search: string) => (await core.handlers['library.artists']({ search, sort: 'name', offset: 0, limit: 50 })).items.map((a) => a.name);
const albums = async (search: string) => (await core.handlers['library.albums']({ search, sort: 'name', offset: 0, limit: 50 })).items.map((a) => a.title);

describe('library search', () => {
  it('folds diacritics, special letters and Cyrillic the way the matching engine does', async () => {
    expect(await titles('beyonce')).toEqual(['Halo', 'Halo (Live)', 'Single Ladies']);
    expect(await titles('BEYONCÉ')).toEqual(['Halo', 'Halo (Live)', 'Single Ladies']);
    expect(await artists('beyonce')).toEqual(['Beyoncé']);
    expect(await artists('oystein seva')).toEqual(['Øystein Sevåg']);
    expect(await titles('smorrebrod')).toEqual(['Smørrebrød']);
    expect(await artists('kino')).toEqual(['Кино']);
    expect(await titles('Кино')).toEqual(['Кукушка']);
    expect(await albums('gruppa')).toEqual(['Группа крови']);
  });

  it('matches one or two characters at the start of a title, artist or album only', async () => {
    // "ha": titles Halo…, the artist Halo Benders; not "Sasha" or "Angel Halo" (inside a name).
    expect(await titles('ha')).toEqual(["Don't Touch My Bikini", 'Halo', 'Halo (Live)']);
    expect(await titles('H')).toEqual(["Don't Touch My Bikini", 'Halo', 'Halo (Live)', 'Hells Bells']);
    // An album that starts with the text comes after titles and artists that do.
    expect(await titles('go')).toEqual(['Gone', "Don't Touch My Bikini"]);
    expect(await titles('ab')).toEqual(['Ab']);
    expect(await artists('ac')).toEqual(['AC/DC']);
    expect(await albums('li')).toEqual(['Link']);
    expect((await tracks('zq')).total).toBe(0);
  });

  it('finds every word of a multi-word query, in any column', async () => {
    expect(await titles('beyonce halo')).toEqual(['Halo', 'Halo (Live)']);
    expect(await titles('halo live')).toEqual(['Halo (Live)']);
    expect(await titles('black acdc')).toEqual([]);
    expect(await titles('black ac/dc')).toEqual(['Hells Bells', 'You Shook Me All Night Long']);
    expect(await titles('ac dc')).toEqual([]); // "ac dc" is one substring, and the artist is spelt AC/DC
    expect(await titles('night   LONG  shook')).toEqual(['You Shook Me All Night Long']);
  });

  it.each(['"', '""', '*', '-', "'", '(', ')', '"*', 'a"b', '(((', 'say "hello', "'edit'", '- part', 'NOT', 'AND OR', 'NEAR(', 'title:', '^', '{x}', 'x:y', '\\', '%_'])(
    'takes %j literally and never makes FTS throw',
    async (search) => {
      const r = await core.handlers['library.tracks']({ search, offset: 0, limit: 10 });
      expect(r.total).toBeGreaterThanOrEqual(0);
      await core.handlers['library.artists']({ search, sort: 'name', offset: 0, limit: 10 });
      await core.handlers['library.albums']({ search, sort: 'name', offset: 0, limit: 10 });
    },
  );

  it('finds titles by their punctuation', async () => {
    expect(await titles('"hello"')).toEqual([WEIRD]);
    expect(await titles('(remix) - part')).toEqual([WEIRD]);
    expect(await titles("* 'edit'")).toEqual([WEIRD]);
    expect(await titles("don't")).toEqual(["Don't Touch My Bikini"]);
    expect(await albums("don't make")).toEqual(["God Don't Make No Junk"]);
  });

  it('ranks an equal title or artist first, then titles and artists that start with the text, then the rest', async () => {
    expect(await titles('halo')).toEqual(['Halo', "Don't Touch My Bikini", 'Halo (Live)', 'Angel Halo']);
    const page = await tracks('halo', { offset: 1, limit: 2 });
    expect([page.total, page.items.map((t) => t.title)]).toEqual([4, ["Don't Touch My Bikini", 'Halo (Live)']]);
    expect(await artists('halo')).toEqual(['Halo Benders']);
  });

  it('keeps the index in step: an import is found at once, a rename re-indexes, a deletion drops out', async () => {
    const music = join(dir, 'music');
    const plain = await makeTone(join(dir, 'src', 'tone.flac'), { seconds: 2, format: 'flac' });
    await mkdir(music, { recursive: true });
    await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', plain, '-c', 'copy',
      '-metadata', 'artist=Sigur Rós', '-metadata', 'album=Takk...', '-metadata', 'title=Hoppípolla', join(music, 'hoppipolla.flac')]);
    expect(await titles('hoppipolla')).toEqual([]);
    expect(await core.handlers['catalog.import']({ folder: music })).toMatchObject({ added: 1 });
    expect(await titles('hoppipolla')).toEqual(['Hoppípolla']);
    expect(await titles('sigur ros takk')).toEqual(['Hoppípolla']);

    core.db.prepare(`UPDATE artists SET name = 'Jónsi' WHERE name = 'Sigur Rós'`).run();
    expect(await titles('sigur')).toEqual([]);
    expect(await titles('jonsi hoppi')).toEqual(['Hoppípolla']);
    core.db.prepare(`UPDATE albums SET title = 'Með suð' WHERE title = 'Takk...'`).run();
    expect(await titles('takk')).toEqual([]);
    expect(await titles('med sud')).toEqual(['Hoppípolla']);
    core.db.prepare(`UPDATE tracks SET title = 'Gobbledigook' WHERE title = 'Hoppípolla'`).run();
    expect(await titles('hoppipolla')).toEqual([]);
    expect(await titles('gobbledi')).toEqual(['Gobbledigook']);
    core.db.prepare(`DELETE FROM tracks WHERE title = 'Gobbledigook'`).run();
    expect(await titles('gobbledi')).toEqual([]);
  }, 60_000);
});
