// The bridge: a narrow `window.cassette` with `call` for contract methods and `on` for listed events only.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventName, isMethodName } from '../shared/contract';

contextBridge.exposeInMainWorld('cassette', {
  call(method: string, input?: unknown) {
    if (!isMethodName(method)) return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: `Unknown method: ${method}` } });
    return ipcRenderer.invoke('cassette:call', method, input);
  },
  on(event: string, listener: (payload: unknown) => void) {
    if (!isEventName(event)) throw new Error(`Unknown event: ${event}`);
    const channel = `cassette:event:${event}`;
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
});
