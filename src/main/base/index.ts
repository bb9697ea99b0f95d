// What every layer may import: typed errors, the download-source port and the host ports. No I/O of its own.
export * from './downloadError';
export * from './downloadSource';
export * from './sourceId';
export * from './ports';
export * from './worker';
