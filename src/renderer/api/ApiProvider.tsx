// Hands the client to React. Components reach Cassette only through `useApi()` (and the query hooks built on it).
import { createContext, useContext, type ReactNode } from 'react';
import type { CassetteClient } from './createClient';

const ApiContext = createContext<CassetteClient | null>(null);

export function ApiProvider({ client, children }: { client: CassetteClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): CassetteClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi() outside <ApiProvider>');
  return client;
}
