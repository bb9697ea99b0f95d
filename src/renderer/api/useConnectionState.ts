// The transport's connection state as React state.
import { useSyncExternalStore } from 'react';
import { useApi } from './ApiProvider';
import type { ConnectionState } from './transport';

export function useConnectionState(): ConnectionState {
  const api = useApi();
  return useSyncExternalStore(
    (onChange) => api.onConnectionChange(onChange),
    () => api.connectionState(),
  );
}
