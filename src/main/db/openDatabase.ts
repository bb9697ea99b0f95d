// Opens the catalog database: WAL, foreign keys, migrations tracked by `user_version`.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../shared/result';
import { migrations } from './migrations';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /**
   * better-sqlite3's compiled module to load instead of its own build. Electron needs one built for its ABI
   * (the host passes its path); Node, the CLI and the tests leave it out and use the package's own build.
   */
  nativeBinding?: string;
}

export function openDatabase(path: string, migrationList: readonly string[] = migrations, options: OpenDatabaseOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, migrationList);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

export function migrate(db: Db, migrationList: readonly string[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrationList.length) {
    throw new AppError(
      'conflict',
      `This catalog was written by a newer version of Cassette (schema ${current}, this version knows ${migrationList.length}). ` +
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
