export { QobuzPage } from './QobuzPage';
export { qobuzStatusKey } from './qobuzQueries';
export { useQobuzRunStore } from './qobuzRunStore';
export { QOBUZ_SYNC_JOB } from './qobuzRun';
