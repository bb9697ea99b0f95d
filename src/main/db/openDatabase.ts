// Opens the catalog database: WAL, foreign keys, migrations tracked by `user_version`.
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { AppError } from '../../shared/result';
import { ensureDirectorySync, EnsureDirectoryError } from '../library';
import { migrations } from './migrations';
import { registerSqlFunctions } from './registerSqlFunctions';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /**
   * better-sqlite3's compiled module to load instead of its own build. Electron needs one built for its ABI
   * (the host passes its path); Node, the CLI and the tests leave it out and use the package's own build.
   */
  nativeBinding?: string;
}

export function openDatabase(path: string, migrationList: readonly string[] = migrations, options: OpenDatabaseOptions = {}): Db {
  let db: Db | undefined;
  try {
    // Bounded: Node's recursive mkdirSync never returns under /proc (CASSETTE_DATA_DIR=/proc/...).
    if (path !== ':memory:') ensureDirectorySync(dirname(path));
    db = openWithBinding(path, options.nativeBinding);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    registerSqlFunctions(db);
    migrate(db, migrationList, path);
    return db;
  } catch (e) {
    db?.close();
    throw catalogOpenError(e, path);
  }
}

/** A host-supplied compiled module that cannot be loaded is named in the error, not folded into "could not open". */
function openWithBinding(path: string, nativeBinding: string | undefined): Db {
  if (nativeBinding === undefined) return new Database(path);
  try {
    return new Database(path, { nativeBinding });
  } catch (e) {
    if ((e as { code?: unknown } | null)?.code && String((e as { code?: unknown }).code).startsWith('SQLITE_')) throw e;
    throw new AppError('unavailable', `SQLite's compiled module ${nativeBinding} could not be loaded (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** What went wrong opening the catalog, as one line naming the file and what to do. */
export function catalogOpenError(e: unknown, path: string): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof EnsureDirectoryError) {
    return new AppError('unavailable', `The catalog's folder ${dirname(path)} cannot be created (${e.code}): set CASSETTE_DATA_DIR to a folder on a disk.`);
  }
  const code = String((e as { code?: unknown } | null)?.code ?? '');
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new AppError(
      'catalog_damaged',
      `The catalog ${path} is damaged (${code === 'SQLITE_NOTADB' ? 'not a database' : 'corrupt'}). ` +
        'Move it aside to start a new one, or put a backup copy in its place.',
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new AppError('disk_full', `The disk holding the catalog ${path} is full: free some space and try again.`);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new AppError('conflict', `The catalog ${path} is locked by another program: close it and try again.`);
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('unavailable', `The catalog ${path} cannot be opened for writing: check that its folder exists and is writable, or set CASSETTE_DATA_DIR.`);
  }
  return new AppError('internal', `The catalog ${path} could not be opened (${code || (e instanceof Error ? e.message : String(e))}).`);
}

export function migrate(db: Db, migrationList: readonly string[], path?: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrationList.length) {
    throw new AppError(
      'conflict',
      `${path ? `The catalog ${path}` : 'This catalog'} was written by a newer version of Cassette (schema ${current}, this version knows ${migrationList.length}). ` +
        'Update Cassette, or point CASSETTE_DATA_DIR at another folder.',
    );
  }
  for (let v = current; v < migrationList.length; v++) {
    const sql = migrationList[v]!;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
