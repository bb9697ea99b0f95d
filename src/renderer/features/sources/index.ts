export { useSourceStates, sourceStatesKey, blockedSources } from './sourceQueries';
export { WaitingNotice } from './WaitingNotice';
export { SourceStatesCard } from './SourceStatesCard';
