export { catalogStatusKey, queueStateKey, useCatalogStatus, useQueueState } from './statusQueries';
export { PauseAllButton } from './PauseAllButton';
