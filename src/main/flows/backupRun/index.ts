// Public face of the backup/restore use cases.
export { runBackup, type BackupRunOptions, type BackupRunResult, type BackupRunStatus, type BackupProgress } from './runBackup';
export { spotifyBackupSource, spotifyTrackToBackup, spotifyEntryToBackup } from './spotifyBackupSource';
export { restoreBackup, type RestoreOptions, type RestoreResult } from './restoreBackup';
export { restoreMapPath, loadRestoreMap, type RestoreMap } from './restoreMap';
export { BackupService, SPOTIFY_REDIRECT_URI, runIdOf, runRow, type BackupServiceDeps, type BackupScheduleSetting } from './backupService';
export { BackupScheduler, SCHEDULE_INTERVAL_MS, type BackupSchedulerDeps, type ScheduleTickReport } from './backupScheduler';
