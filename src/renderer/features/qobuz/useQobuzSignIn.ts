// Signs in with a token. Deliberately not a TanStack mutation: a mutation keeps its variables (the token) in the
// mutation cache; here the token lives only in this call, and the answer (which never contains it) goes to the
// status query.
import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, request, useApi } from '../../api';
import { qobuzStatusKey } from './qobuzQueries';

export function useQobuzSignIn() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const signIn = useCallback(
    async (token: string) => {
      setPending(true);
      setError(null);
      try {
        queryClient.setQueryData(qobuzStatusKey, await request(api, 'qobuz.signIn', { token }));
      } catch (e) {
        setError(e instanceof ApiError ? e : new ApiError('internal', e instanceof Error ? e.message : 'Sign-in failed'));
      } finally {
        setPending(false);
      }
    },
    [api, queryClient],
  );

  return { signIn, pending, error, setError };
}
