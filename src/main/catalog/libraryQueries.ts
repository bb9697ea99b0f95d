// The Library page's reads: artists, albums and tracks, each one page at a time with its completeness. Every
// query is bounded by LIMIT and walks an index (artists by name_key, albums by artist, tracks by album/artist),
// so a page costs the same at 100,000 tracks as at 100.
import type { Db } from '../db';
import { statementCache, type PreparedSql } from '../db';
import { nameKey } from './catalogStore';
import type { LibraryAlbumDto, LibraryArtistDto, LibraryTrackDto } from '../../shared/contract';

export type LibrarySort = 'name' | 'name_desc' | 'most_tracks' | 'most_missing';
export interface PageInput {
  offset: number;
  limit: number;
}

const COMPLETENESS = (where: string) => `
  count(*) AS tracks,
  coalesce(sum(t.status = 'downloaded'), 0) AS onDisk,
  coalesce(sum(t.status = 'missing'), 0) AS missing,
  coalesce(sum(t.status IN ('queued', 'downloading')), 0) AS active,
  coalesce(sum(t.status = 'failed'), 0) AS failed
  FROM tracks t WHERE ${where}`;

/** LIKE pattern for a search box: case-insensitive (nameKey), with the user's % and _ taken literally. */
function likePattern(search: string): string {
  return `%${nameKey(search).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class LibraryQueries {
  private readonly sql: PreparedSql;
  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  artists(o: PageInput & { search?: string; sort: LibrarySort }): { items: LibraryArtistDto[]; total: number } {
    const filter = o.search ? `WHERE a.name_key LIKE @q ESCAPE '\\'` : '';
    const params = { q: o.search ? likePattern(o.search) : null, limit: o.limit, offset: o.offset };
    const total = (this.sql(`SELECT count(*) AS n FROM artists a ${filter}`).get(params) as { n: number }).n;
    let ids: { id: number }[];
    if (o.sort === 'name' || o.sort === 'name_desc') {
      ids = this.sql(`SELECT a.id FROM artists a ${filter} ORDER BY a.name_key ${o.sort === 'name' ? 'ASC' : 'DESC'} LIMIT @limit OFFSET @offset`).all(params) as { id: number }[];
    } else {
      // Ranking needs every artist's count; the tracks_artist / tracks_status indexes keep it to one index walk.
      const measure = o.sort === 'most_tracks' ? 'count(t.id)' : `coalesce(sum(t.status IN ('missing','failed')), 0)`;
      ids = this.sql(
        `SELECT a.id FROM artists a LEFT JOIN tracks t ON t.artist_id = a.id ${filter} GROUP BY a.id
         ORDER BY ${measure} DESC, a.name_key LIMIT @limit OFFSET @offset`,
      ).all(params) as { id: number }[];
    }
    const one = this.sql(
      `SELECT a.id, a.name, (SELECT count(*) FROM albums al WHERE al.artist_id = a.id) AS albums,
       (SELECT al.id FROM albums al WHERE al.artist_id = a.id
          AND EXISTS (SELECT 1 FROM tracks ft WHERE ft.album_id = al.id AND ft.status = 'downloaded')
        ORDER BY coalesce(al.release_date, ''), lower(al.title) LIMIT 1) AS coverAlbumId, c.*
       FROM artists a, (SELECT ${COMPLETENESS('t.artist_id = @id')}) c WHERE a.id = @id`,
    );
    return { items: ids.map(({ id }) => one.get({ id }) as LibraryArtistDto), total };
  }

  albums(o: PageInput & { artistId?: number; search?: string; sort: LibrarySort }): { items: LibraryAlbumDto[]; total: number } {
    const where: string[] = [];
    if (o.artistId) where.push('al.artist_id = @artistId');
    if (o.search) where.push(`lower(al.title) LIKE @q ESCAPE '\\'`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const params = { artistId: o.artistId ?? null, q: o.search ? likePattern(o.search) : null, limit: o.limit, offset: o.offset };
    const total = (this.sql(`SELECT count(*) AS n FROM albums al ${filter}`).get(params) as { n: number }).n;
    const order =
      o.sort === 'name_desc' ? 'lower(al.title) DESC' : o.sort === 'most_tracks' ? 'coalesce(al.track_count, 0) DESC, lower(al.title)'
        : o.sort === 'most_missing' ? `(SELECT count(*) FROM tracks t WHERE t.album_id = al.id AND t.status IN ('missing','failed')) DESC, lower(al.title)`
          : 'coalesce(al.release_date, \'\'), lower(al.title)';
    const ids = this.sql(`SELECT al.id FROM albums al ${filter} ORDER BY ${o.sort === 'name' && !o.artistId ? 'lower(al.title)' : order} LIMIT @limit OFFSET @offset`)
      .all(params) as { id: number }[];
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

  albumTracks(albumId: number): LibraryTrackDto[] {
    return this.sql(`${TRACK_SELECT} WHERE t.album_id = ? ORDER BY coalesce(t.disc_number, 1), coalesce(t.track_number, 9999), t.title LIMIT 2000`)
      .all(albumId) as LibraryTrackDto[];
  }

  tracks(o: PageInput & { search?: string; artistId?: number; withoutAlbum?: boolean; status?: LibraryTrackDto['status'] }): { items: LibraryTrackDto[]; total: number } {
    const where: string[] = [];
    if (o.artistId) where.push('t.artist_id = @artistId');
    if (o.withoutAlbum) where.push('t.album_id IS NULL');
    if (o.status) where.push('t.status = @status');
    // Artist and album matches are looked up once (small tables), not joined per track: one pass over tracks.
    if (o.search) {
      where.push(`(t.title LIKE @q ESCAPE '\\' OR t.artist_id IN (SELECT id FROM artists WHERE name_key LIKE @q ESCAPE '\\')
        OR t.album_id IN (SELECT id FROM albums WHERE title LIKE @q ESCAPE '\\'))`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const params = { artistId: o.artistId ?? null, status: o.status ?? null, q: o.search ? likePattern(o.search) : null, limit: o.limit, offset: o.offset };
    const total = (this.sql(`SELECT count(*) AS n FROM tracks t ${filter}`).get(params) as { n: number }).n;
    const items = this.sql(
      `${TRACK_COLUMNS} FROM tracks t JOIN artists ar ON ar.id = t.artist_id LEFT JOIN albums al ON al.id = t.album_id ${filter}
       ORDER BY t.title COLLATE NOCASE, t.id LIMIT @limit OFFSET @offset`,
    ).all(params) as LibraryTrackDto[];
    return { items, total };
  }
}

const TRACK_COLUMNS = `SELECT t.id, t.title, t.artist_id AS artistId, ar.name AS artist, t.album_id AS albumId, al.title AS album,
  t.disc_number AS discNumber, t.track_number AS trackNumber, t.duration_sec AS durationSec, t.status,
  coalesce(t.local_path, t.planned_path) AS path, CASE WHEN t.status = 'failed' THEN t.last_error END AS error`;
const TRACK_SELECT = `${TRACK_COLUMNS} FROM tracks t JOIN artists ar ON ar.id = t.artist_id LEFT JOIN albums al ON al.id = t.album_id`;
