// Settings as server data: loaded once, replaced by what a save returns; connection tests are mutations.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../shared/contract';
import { request, useApi } from '../../api';
import { sourceStatesKey } from '../sources';

export const settingsKey = ['settings.get'] as const;

export function useSettings() {
  const api = useApi();
  return useQuery({ queryKey: settingsKey, queryFn: () => request(api, 'settings.get') });
}

export function useSaveSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: MethodInput<'settings.save'>) => request(api, 'settings.save', patch),
    onSuccess: (view, patch) => {
      queryClient.setQueryData(settingsKey, view);
      void queryClient.invalidateQueries({ queryKey: sourceStatesKey });
      void queryClient.invalidateQueries({ queryKey: ['queue.list'] });
      // The Spotify settings ("keep my likes", the Client ID) change what the Playlists page lists.
      if (patch.spotify) void queryClient.invalidateQueries({ queryKey: ['playlists.list'] });
    },
  });
}

export function useConnectionTest() {
  const api = useApi();
  return useMutation({ mutationFn: (input: MethodInput<'settings.test'>) => request(api, 'settings.test', input) });
}
