export { QueueStore, type QueueView, type QueueListOptions, type QueueStats, type EnqueueResult, type FailureInput } from './queueStore';
export { QueueProcessor, DEFAULT_CONCURRENCY, toDownloadError, withExt, isCatalogFull, catalogFullError, type ProcessorOptions, type CatalogHalt, type Delivered } from './processor';
export { AuditLog, type AuditEntry, type AuditEvent } from './auditLog';
export { retryDelayMs, isRetryable, DEFAULT_MAX_RETRIES, RETRY_BASE_MS, RETRY_CAP_MS } from './retryPolicy';
export { PRIORITY, type QueueItem, type QueueStatus, type Priority, type RequestSource, type EnqueueTrackInput } from './types';
export { missingFilesWatchdog, DEFAULT_STALE_MS, type MissingFilesReport } from './watchdogs';
export { userLimitsReport, limitViolation, DEFAULT_USER_LIMITS, type UserLimits, type LimitsReport } from './userLimits';
export { isPartWriterAlive } from './worker';
export { thisWorker, isLocalWorkerAlive, isWorkerRunning } from '../base';
