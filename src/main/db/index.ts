export { openDatabase, migrate, type Db, type OpenDatabaseOptions } from './openDatabase';
export { migrations } from './migrations';
export { statementCache, type PreparedSql } from './statementCache';
