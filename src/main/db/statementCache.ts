import type Database from 'better-sqlite3';

export type PreparedSql = (source: string) => Database.Statement;

/** Prepared statements compiled once per SQL text: preparing dominates the cost of small queries. */
export function statementCache(db: Database.Database): PreparedSql {
  const statements = new Map<string, Database.Statement>();
  return (source) => {
    let st = statements.get(source);
    if (!st) statements.set(source, (st = db.prepare(source)));
    return st;
  };
}
