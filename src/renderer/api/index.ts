// The renderer's only door to Cassette. `connectCassette` picks the transport once at start (Electron's
// preload bridge when present, else the headless host's WebSocket); nothing else in the renderer knows which.
import { createClient, type CassetteClient } from './createClient';
import { createIpcTransport } from './ipcTransport';
import { createWsTransport } from './wsTransport';
import { takeAccessToken } from './accessToken';
import { fetchCoverKey } from './coverKey';

export function connectCassette(): CassetteClient {
  if (window.cassette) return createClient(createIpcTransport(window.cassette));
  const token = takeAccessToken(window.location, window.sessionStorage, (url) => window.history.replaceState(window.history.state, '', url)) ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return createClient(
    createWsTransport({
      url: `${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`,
      probeAuthorized: async () => {
        if (!token) return false;
        const res = await fetch('/status', { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
        return res.status !== 401;
      },
    }),
    undefined,
    { coverKey: () => fetchCoverKey(fetch, token) },
  );
}

export { createClient, type CassetteClient } from './createClient';
export { createMemoryTransport, type MemoryHandler, type MemoryTransport } from './memoryTransport';
export type { ConnectionState, RawTransport } from './transport';
export { ApiProvider, useApi } from './ApiProvider';
export { ApiError, request } from './request';
export { useConnectionState } from './useConnectionState';
export { useCoverSrc } from './useCoverSrc';
