// Sign in a named Spotify account: the core opens the browser where it can (desktop) and always returns the
// authorize URL, which the page shows as a link (headless hosts, or when the browser did not open). The outcome
// arrives as a spotify.signIn event and refreshes the accounts.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request, useApi } from '../../api';
import { backupsKey, spotifyAccountsKey } from './backupsQueries';

export function useSpotifySignIn() {
  const api = useApi();
  const queryClient = useQueryClient();
  const signIn = useMutation({
    mutationFn: (account: string) => request(api, 'spotify.signIn', { account }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: spotifyAccountsKey }),
  });
  const signOut = useMutation({
    mutationFn: (account: string) => request(api, 'spotify.signOut', { account }),
    onSuccess: (accounts) => {
      queryClient.setQueryData(spotifyAccountsKey, accounts);
      void queryClient.invalidateQueries({ queryKey: backupsKey });
    },
  });
  return { signIn, signOut };
}
