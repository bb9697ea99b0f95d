// SQL functions the schema relies on, registered on every connection before migrations run: triggers call
// them, so a connection without them could not write a track.
import { foldCase } from '../matching';
import type { Db } from './openDatabase';

export function registerSqlFunctions(db: Db): void {
  // The search indexes hold folded text; the queries fold the user's words the same way (see migration 006).
  db.function('cassette_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldCase(text) : text === null ? null : foldCase(String(text))));
}
