// The Library page's reads: artists, albums and tracks, each one page at a time with its completeness. Every
// query is bounded by LIMIT; the name orders walk an index and searches go through the FTS5 indexes of
// migration 006 (or, for one or two characters, a prefix match on indexed names), so a page of results costs
// about the same at 100,000 tracks as at 100.
import type { Db } from '../db';
import { statementCache, type PreparedSql } from '../db';
import { planLibrarySearch, type LibrarySearch } from './librarySearch';
import type { LibraryAlbumDto, LibraryArtistDto, LibraryTrackDto, librarySort, trackSort } from '../../shared/contract';
import type { z } from 'zod';

export type LibrarySort = z.infer<typeof librarySort>;
export type TrackSort = z.infer<typeof trackSort>;
export interface PageInput {
  offset: number;
  limit: number;
}
export interface LibraryPage<T> {
  items: T[];
  total: number;
}

const COMPLETENESS = (where: string) => `
  count(*) AS tracks,
  coalesce(sum(t.status = 'downloaded'), 0) AS onDisk,
  coalesce(sum(t.status = 'missing'), 0) AS missing,
  coalesce(sum(t.status IN ('queued', 'downloading')), 0) AS active,
  coalesce(sum(t.status = 'failed'), 0) AS failed
  FROM tracks t WHERE ${where}`;

/** Named parameters of a search plan (unused ones are bound as null: one statement shape per query text kind). */
function searchParams(s: LibrarySearch | undefined) {
  return {
    match: s?.kind === 'fts' ? s.match : null,
    startsWith: s?.kind === 'fts' ? s.startsWith : null,
    like: s && s.kind !== 'nothing' ? s.like : null,
    exact: s && s.kind !== 'nothing' ? s.exact : null,
  };
}

/** Where a search narrows a list, and the ranking tier it puts first (0 equal, 1 starts with, 2 contains). */
interface SearchSql {
  where: string;
  tier: string;
  /** The number of matches when nothing else narrows the list, straight from the index. */
  count?: string;
}

function artistSearch(s: LibrarySearch): SearchSql {
  return s.kind === 'fts'
    ? {
        where: 'a.id IN (SELECT rowid FROM artists_fts WHERE artists_fts MATCH @match)',
        tier: 'CASE WHEN a.name_key = @exact THEN 0 WHEN a.id IN (SELECT rowid FROM artists_fts WHERE artists_fts MATCH @startsWith) THEN 1 ELSE 2 END',
      }
    : { where: `a.name_key LIKE @like ESCAPE '\\'`, tier: 'CASE WHEN a.name_key = @exact THEN 0 ELSE 1 END' };
}

function albumSearch(s: LibrarySearch): SearchSql {
  return s.kind === 'fts'
    ? {
        where: 'al.id IN (SELECT rowid FROM albums_fts WHERE albums_fts MATCH @match)',
        tier: 'CASE WHEN al.title = @exact COLLATE NOCASE THEN 0 WHEN al.id IN (SELECT rowid FROM albums_fts WHERE albums_fts MATCH @startsWith) THEN 1 ELSE 2 END',
      }
    : { where: `al.title LIKE @like ESCAPE '\\'`, tier: 'CASE WHEN al.title = @exact COLLATE NOCASE THEN 0 ELSE 1 END' };
}

/**
 * Tracks match on title, artist or album; the first tiers are an equal or starting title or artist. The tiers
 * read the track row alone (artists through their small tables), so ranking many matches sorts ids, not joins.
 */
function trackSearch(s: LibrarySearch): SearchSql {
  const exact = `t.title = @exact COLLATE NOCASE OR t.artist_id IN (SELECT id FROM artists WHERE name_key = @exact)`;
  return s.kind === 'fts'
    ? {
        where: 't.id IN (SELECT rowid FROM tracks_fts WHERE tracks_fts MATCH @match)',
        // "Starts with" asks the artists index (folded) and the title itself (case-folded only): a second
        // trigram match over every track would cost more than the search.
        tier: `CASE WHEN ${exact} THEN 0
          WHEN t.title LIKE @like ESCAPE '\\' OR t.artist_id IN (SELECT rowid FROM artists_fts WHERE artists_fts MATCH @startsWith) THEN 1 ELSE 2 END`,
        count: 'SELECT count(*) AS n FROM tracks_fts WHERE tracks_fts MATCH @match',
      }
    : {
        where: `(t.title LIKE @like ESCAPE '\\' OR t.artist_id IN (SELECT id FROM artists WHERE name_key LIKE @like ESCAPE '\\')
          OR t.album_id IN (SELECT id FROM albums WHERE title LIKE @like ESCAPE '\\'))`,
        tier: `CASE WHEN ${exact} THEN 0
          WHEN t.title LIKE @like ESCAPE '\\' OR t.artist_id IN (SELECT id FROM artists WHERE name_key LIKE @like ESCAPE '\\') THEN 1 ELSE 2 END`,
      };
}

const SHARE_ON_DISK = (count: string, onDisk: string, expected = '0') => `(${onDisk}) * 1.0 / max(${count}, ${expected}, 1)`;

/** Artist orders; those marked `tracks` rank on every artist's tracks (one GROUP BY over tracks_artist). */
const ARTIST_ORDER: Record<LibrarySort, { order: string; tracks?: boolean }> = {
  name: { order: 'a.name_key' },
  name_desc: { order: 'a.name_key DESC' },
  year: { order: 'latest IS NULL, latest, a.name_key' },
  year_desc: { order: 'latest IS NULL, latest DESC, a.name_key' },
  completeness: { order: `${SHARE_ON_DISK('count(t.id)', "coalesce(sum(t.status = 'downloaded'), 0)")} DESC, a.name_key`, tracks: true },
  recently_added: { order: 'a.created_at DESC, a.id DESC' },
  most_tracks: { order: 'count(t.id) DESC, a.name_key', tracks: true },
  most_missing: { order: `coalesce(sum(t.status IN ('missing','failed')), 0) DESC, a.name_key`, tracks: true },
};

const ALBUM_ORDER: Record<LibrarySort, string> = {
  name: 'al.title COLLATE NOCASE, al.id',
  name_desc: 'al.title COLLATE NOCASE DESC, al.id',
  year: 'al.release_date IS NULL, al.release_date, al.title COLLATE NOCASE',
  year_desc: 'al.release_date IS NULL, al.release_date DESC, al.title COLLATE NOCASE',
  completeness: `(SELECT ${SHARE_ON_DISK('count(*)', "coalesce(sum(t.status = 'downloaded'), 0)", 'coalesce(al.track_count, 0)')}
    FROM tracks t WHERE t.album_id = al.id) DESC, al.title COLLATE NOCASE`,
  recently_added: 'al.created_at DESC, al.id DESC',
  most_tracks: 'coalesce(al.track_count, 0) DESC, al.title COLLATE NOCASE',
  most_missing: `(SELECT count(*) FROM tracks t WHERE t.album_id = al.id AND t.status IN ('missing','failed')) DESC, al.title COLLATE NOCASE`,
};

const TRACK_ORDER: Record<Exclude<TrackSort, 'relevance'>, string> = {
  name: 't.title COLLATE NOCASE, t.id',
  name_desc: 't.title COLLATE NOCASE DESC, t.id',
  year: `al.release_date IS NULL, al.release_date, al.title COLLATE NOCASE, coalesce(t.disc_number, 1), coalesce(t.track_number, 9999), t.id`,
  year_desc: `al.release_date IS NULL, al.release_date DESC, al.title COLLATE NOCASE, coalesce(t.disc_number, 1), coalesce(t.track_number, 9999), t.id`,
  recently_added: 't.created_at DESC, t.id DESC',
};

export class LibraryQueries {
  private readonly sql: PreparedSql;
  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  artists(o: PageInput & { search?: string; sort: LibrarySort }): LibraryPage<LibraryArtistDto> {
    const s = o.search ? planLibrarySearch(o.search) : undefined;
    if (s?.kind === 'nothing') return { items: [], total: 0 };
    const search = s ? artistSearch(s) : undefined;
    const filter = search ? `WHERE ${search.where}` : '';
    const params = { ...searchParams(s), limit: o.limit, offset: o.offset };
    const total = (this.sql(`SELECT count(*) AS n FROM artists a ${filter}`).get(params) as { n: number }).n;
    const { order, tracks } = ARTIST_ORDER[o.sort];
    const tier = search ? `${search.tier}, ` : '';
    const latest = o.sort === 'year' || o.sort === 'year_desc' ? ', (SELECT max(al.release_date) FROM albums al WHERE al.artist_id = a.id) AS latest' : '';
    const ids = (
      tracks
        ? this.sql(`SELECT a.id FROM artists a LEFT JOIN tracks t ON t.artist_id = a.id ${filter} GROUP BY a.id ORDER BY ${tier}${order} LIMIT @limit OFFSET @offset`)
        : this.sql(`SELECT a.id${latest} FROM artists a ${filter} ORDER BY ${tier}${order} LIMIT @limit OFFSET @offset`)
    ).all(params) as { id: number }[];
    const one = this.sql(
      `SELECT a.id, a.name, (SELECT count(*) FROM albums al WHERE al.artist_id = a.id) AS albums,
       (SELECT al.id FROM albums al WHERE al.artist_id = a.id
          AND EXISTS (SELECT 1 FROM tracks ft WHERE ft.album_id = al.id AND ft.status = 'downloaded')
        ORDER BY coalesce(al.release_date, ''), lower(al.title) LIMIT 1) AS coverAlbumId, c.*
       FROM artists a, (SELECT ${COMPLETENESS('t.artist_id = @id')}) c WHERE a.id = @id`,
    );
    return { items: ids.map(({ id }) => one.get({ id }) as LibraryArtistDto), total };
  }

  albums(o: PageInput & { artistId?: number; search?: string; sort: LibrarySort }): LibraryPage<LibraryAlbumDto> {
    const s = o.search ? planLibrarySearch(o.search) : undefined;
    if (s?.kind === 'nothing') return { items: [], total: 0 };
    const search = s ? albumSearch(s) : undefined;
    const where: string[] = [];
    if (o.artistId) where.push('al.artist_id = @artistId');
    if (search) where.push(search.where);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const params = { ...searchParams(s), artistId: o.artistId ?? null, limit: o.limit, offset: o.offset };
    const total = (this.sql(`SELECT count(*) AS n FROM albums al ${filter}`).get(params) as { n: number }).n;
    const tier = search ? `${search.tier}, ` : '';
    const ids = this.sql(`SELECT al.id FROM albums al ${filter} ORDER BY ${tier}${ALBUM_ORDER[o.sort]} LIMIT @limit OFFSET @offset`).all(params) as { id: number }[];
    return { items: ids.map(({ id }) => this.album(id)!), total };
  }

  album(id: number): LibraryAlbumDto | undefined {
    const row = this.sql(
      `SELECT al.id, al.title, al.artist_id AS artistId, ar.name AS artist, substr(al.release_date, 1, 4) AS year,
       al.track_count AS trackCount, c.*
       FROM albums al JOIN artists ar ON ar.id = al.artist_id, (SELECT ${COMPLETENESS('t.album_id = @id')}) c WHERE al.id = @id`,
    ).get({ id }) as LibraryAlbumDto | undefined;
    return row;
  }

  /** An album's files on disk in disc/track order (where its cover is looked for), or undefined for no such album. */
  albumFiles(albumId: number): string[] | undefined {
    if (!this.sql('SELECT 1 FROM albums WHERE id = ?').get(albumId)) return undefined;
    const rows = this.sql(
      `SELECT local_path AS path FROM tracks WHERE album_id = ? AND status = 'downloaded' AND local_path IS NOT NULL
       ORDER BY coalesce(disc_number, 1), coalesce(track_number, 9999), id LIMIT 2000`,
    ).all(albumId) as { path: string }[];
    return rows.map((r) => r.path);
  }

  /** One page of an album's tracks in disc/track order: compilations of thousands of tracks are paged, not cut. */
  albumTracks(albumId: number, page: PageInput): LibraryPage<LibraryTrackDto> {
    const total = (this.sql('SELECT count(*) AS n FROM tracks WHERE album_id = ?').get(albumId) as { n: number }).n;
    const items = this.sql(
      `${TRACK_SELECT} WHERE t.album_id = @albumId
       ORDER BY coalesce(t.disc_number, 1), coalesce(t.track_number, 9999), t.title, t.id LIMIT @limit OFFSET @offset`,
    ).all({ albumId, limit: page.limit, offset: page.offset }) as LibraryTrackDto[];
    return { items, total };
  }

  tracks(o: PageInput & { search?: string; artistId?: number; withoutAlbum?: boolean; status?: LibraryTrackDto['status']; sort?: TrackSort }): LibraryPage<LibraryTrackDto> {
    const s = o.search ? planLibrarySearch(o.search) : undefined;
    if (s?.kind === 'nothing') return { items: [], total: 0 };
    const search = s ? trackSearch(s) : undefined;
    const where: string[] = [];
    if (o.artistId) where.push('t.artist_id = @artistId');
    if (o.withoutAlbum) where.push('t.album_id IS NULL');
    if (o.status) where.push('t.status = @status');
    if (search) where.push(search.where);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const params = { ...searchParams(s), artistId: o.artistId ?? null, status: o.status ?? null, limit: o.limit, offset: o.offset };
    const countSql = where.length === 1 && search?.count ? search.count : `SELECT count(*) AS n FROM tracks t ${filter}`;
    const total = (this.sql(countSql).get(params) as { n: number }).n;
    const sort = o.sort ?? 'relevance';
    const order = sort === 'relevance' ? `${search ? `${search.tier}, ` : ''}${TRACK_ORDER.name}` : TRACK_ORDER[sort];
    // Ids first, rows after: a page of 100 is joined, not every match the ORDER BY had to look at.
    const byAlbum = sort === 'year' || sort === 'year_desc' ? 'LEFT JOIN albums al ON al.id = t.album_id' : '';
    const ids = this.sql(`SELECT t.id FROM tracks t ${byAlbum} ${filter} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all(params) as { id: number }[];
    const one = this.sql(`${TRACK_SELECT} WHERE t.id = ?`);
    return { items: ids.map(({ id }) => one.get(id) as LibraryTrackDto), total };
  }
}

const TRACK_COLUMNS = `SELECT t.id, t.title, t.artist_id AS artistId, ar.name AS artist, t.album_id AS albumId, al.title AS album,
  t.disc_number AS discNumber, t.track_number AS trackNumber, t.duration_sec AS durationSec, t.status,
  coalesce(t.local_path, t.planned_path) AS path, CASE WHEN t.status = 'failed' THEN t.last_error END AS error`;
const TRACK_SELECT = `${TRACK_COLUMNS} FROM tracks t JOIN artists ar ON ar.id = t.artist_id LEFT JOIN albums al ON al.id = t.album_id`;
