export { openDatabase, migrate, type Db } from './openDatabase';
export { migrations } from './migrations';
