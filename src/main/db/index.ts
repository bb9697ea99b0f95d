export { openDatabase, migrate, type Db } from './openDatabase';
export { migrations } from './migrations';
export { statementCache, type PreparedSql } from './statementCache';
