export { createCore, toErrResult, type Core, type CoreConfig, type CorePorts, type Handlers } from './createCore';
export { defaultDataDir, pathsFor } from './dataDir';
export { EventHub } from './eventHub';
export { toQueueRows } from './queueRows';
export * from './ports';
