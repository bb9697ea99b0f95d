// Moved to base/: kept so older imports resolve while they are rewritten.
export * from '../base';
