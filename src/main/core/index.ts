export { createCore, toErrResult, OWNER, type Caller, type Core, type CoreConfig, type CorePorts, type Handlers } from './createCore';
export { defaultDataDir, pathsFor } from './dataDir';
export { EventHub } from './eventHub';
export { fileSecretStore, HEADLESS_SECRETS_FILE } from './fileSecretStore';
export { toQueueRows } from './queueRows';
export * from '../base';
export { layeredSecrets } from './layeredSecrets';
export { readSecretsFile, writeSecretsFile, serialised, type SecretsRecord } from './secretsFile';
