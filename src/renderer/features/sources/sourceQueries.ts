// Each download source's state (configured, reachable, waiting requests). Loaded once, kept fresh by the
// `sources.state` event (see useLiveUpdates).
import { useQuery } from '@tanstack/react-query';
import type { SourceStateDto } from '../../../shared/contract';
import { request, useApi } from '../../api';

export const sourceStatesKey = ['sources.state'] as const;

export function useSourceStates() {
  const api = useApi();
  return useQuery({ queryKey: sourceStatesKey, queryFn: () => request(api, 'sources.state') });
}

/** Sources that requests wait for although they cannot run them (not set up, or not reachable). */
export function blockedSources(states: SourceStateDto[] | undefined): SourceStateDto[] {
  return (states ?? []).filter((s) => s.waiting > 0 && (!s.configured || s.reachable === false));
}
