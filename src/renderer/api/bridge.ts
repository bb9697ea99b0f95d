// The shape the Electron preload exposes as `window.cassette` (contextBridge). Deliberately loose: whatever
// crosses it is validated by createClient against the contract.
export interface CassetteBridge {
  call(method: string, input?: unknown): Promise<unknown>;
  /** Listens to one contract event; returns an unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): (() => void) | void;
}

declare global {
  interface Window {
    cassette?: CassetteBridge;
  }
}
