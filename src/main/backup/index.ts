// Public face of the backup domain: the versioned format, atomic files, runs on disk, retention, reading a run
// back, diff and export. Provider-agnostic: providers plug in through BackupSource.
export * from './format';
export { writeFileAtomic, sha256, toJson, TEMP_SUFFIX } from './atomicWrite';
export { createRunDir, listAccountRuns, listRuns, readMetadata, runDirName, runState, compareRunNames, type RunInfo, type RunState } from './runStore';
export { runsToPrune } from './retention';
export { readBackupFile, type BackupFileResult, type BackupFileContent } from './readBackupFile';
export { loadRun, loadFiles, type LoadedRun } from './loadRun';
export { diffRuns, type RunDiff, type PlaylistDiff } from './diffRuns';
export { exportRun, toCsv, toM3u8, EXPORTIFY_COLUMNS, type ExportFormat } from './exportRun';
export { trackKey, entryKey, entryLabel } from './trackKey';
export type { BackupSource, SourcePlaylist, FailureKind } from './backupSource';
