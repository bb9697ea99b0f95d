// The transport's connection state as React state.
import { useSyncExternalStore } from 'react';
import { useApi, type ConnectionState } from '../../api';

export function useConnectionState(): ConnectionState {
  const api = useApi();
  return useSyncExternalStore(
    (onChange) => api.onConnectionChange(onChange),
    () => api.connectionState(),
  );
}
