// Public face of the backup/restore use cases.
export { runBackup, type BackupRunOptions, type BackupRunResult, type BackupRunStatus, type BackupProgress } from './runBackup';
export { spotifyBackupSource, spotifyTrackToBackup, spotifyEntryToBackup } from './spotifyBackupSource';
