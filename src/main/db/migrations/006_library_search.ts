// Frozen: never edit a shipped migration; add a new numbered one instead.
// Library search: FTS5 trigram indexes (substring matches in any position, any script) over each track's title,
// artist and album, and over artist names and album titles. The indexed text is folded by `cassette_fold`
// (the matching engine's foldCase, registered on every connection by openDatabase): "Beyoncé" is indexed as
// "beyonce", "Øystein" as "oystein", "Кино" as "kino". Contentless (the catalog tables hold the text), so
// triggers keep them in step; a rename of an artist or album re-indexes its tracks (only a real change: the
// catalog's upserts rewrite the same title on every track of an album). Changing foldCase needs a
// new migration that rebuilds these tables, or old rows keep the old folding.
// The NOCASE title indexes serve searches too short for trigrams (1-2 characters) as prefix matches.
export const migration006 = `
CREATE VIRTUAL TABLE tracks_fts USING fts5(title, artist, album, content='', contentless_delete=1, tokenize='trigram');
CREATE VIRTUAL TABLE artists_fts USING fts5(name, content='', contentless_delete=1, tokenize='trigram');
CREATE VIRTUAL TABLE albums_fts USING fts5(title, content='', contentless_delete=1, tokenize='trigram');

CREATE INDEX tracks_title_nocase ON tracks(title COLLATE NOCASE);
CREATE INDEX albums_title_nocase ON albums(title COLLATE NOCASE);

CREATE TRIGGER tracks_fts_insert AFTER INSERT ON tracks BEGIN
  INSERT INTO tracks_fts (rowid, title, artist, album) VALUES (
    new.id, cassette_fold(new.title),
    cassette_fold((SELECT name FROM artists WHERE id = new.artist_id)),
    cassette_fold(coalesce((SELECT title FROM albums WHERE id = new.album_id), '')));
END;
CREATE TRIGGER tracks_fts_update AFTER UPDATE OF title, artist_id, album_id ON tracks
  WHEN old.title IS NOT new.title OR old.artist_id IS NOT new.artist_id OR old.album_id IS NOT new.album_id BEGIN
  DELETE FROM tracks_fts WHERE rowid = old.id;
  INSERT INTO tracks_fts (rowid, title, artist, album) VALUES (
    new.id, cassette_fold(new.title),
    cassette_fold((SELECT name FROM artists WHERE id = new.artist_id)),
    cassette_fold(coalesce((SELECT title FROM albums WHERE id = new.album_id), '')));
END;
CREATE TRIGGER tracks_fts_delete AFTER DELETE ON tracks BEGIN
  DELETE FROM tracks_fts WHERE rowid = old.id;
END;

CREATE TRIGGER artists_fts_insert AFTER INSERT ON artists BEGIN
  INSERT INTO artists_fts (rowid, name) VALUES (new.id, cassette_fold(new.name));
END;
CREATE TRIGGER artists_fts_update AFTER UPDATE OF name ON artists WHEN old.name IS NOT new.name BEGIN
  DELETE FROM artists_fts WHERE rowid = old.id;
  INSERT INTO artists_fts (rowid, name) VALUES (new.id, cassette_fold(new.name));
  DELETE FROM tracks_fts WHERE rowid IN (SELECT id FROM tracks WHERE artist_id = new.id);
  INSERT INTO tracks_fts (rowid, title, artist, album)
    SELECT t.id, cassette_fold(t.title), cassette_fold(new.name), cassette_fold(coalesce(al.title, ''))
    FROM tracks t LEFT JOIN albums al ON al.id = t.album_id WHERE t.artist_id = new.id;
END;
CREATE TRIGGER artists_fts_delete AFTER DELETE ON artists BEGIN
  DELETE FROM artists_fts WHERE rowid = old.id;
END;

CREATE TRIGGER albums_fts_insert AFTER INSERT ON albums BEGIN
  INSERT INTO albums_fts (rowid, title) VALUES (new.id, cassette_fold(new.title));
END;
CREATE TRIGGER albums_fts_update AFTER UPDATE OF title ON albums WHEN old.title IS NOT new.title BEGIN
  DELETE FROM albums_fts WHERE rowid = old.id;
  INSERT INTO albums_fts (rowid, title) VALUES (new.id, cassette_fold(new.title));
  DELETE FROM tracks_fts WHERE rowid IN (SELECT id FROM tracks WHERE album_id = new.id);
  INSERT INTO tracks_fts (rowid, title, artist, album)
    SELECT t.id, cassette_fold(t.title), cassette_fold(ar.name), cassette_fold(new.title)
    FROM tracks t JOIN artists ar ON ar.id = t.artist_id WHERE t.album_id = new.id;
END;
CREATE TRIGGER albums_fts_delete AFTER DELETE ON albums BEGIN
  DELETE FROM albums_fts WHERE rowid = old.id;
END;

INSERT INTO artists_fts (rowid, name) SELECT id, cassette_fold(name) FROM artists;
INSERT INTO albums_fts (rowid, title) SELECT id, cassette_fold(title) FROM albums;
INSERT INTO tracks_fts (rowid, title, artist, album)
  SELECT t.id, cassette_fold(t.title), cassette_fold(ar.name), cassette_fold(coalesce(al.title, ''))
  FROM tracks t JOIN artists ar ON ar.id = t.artist_id LEFT JOIN albums al ON al.id = t.album_id;
`;
