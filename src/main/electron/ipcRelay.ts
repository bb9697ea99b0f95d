// Relays contract calls from the renderer to the core, and core events back; only trusted senders are answered.
import { ipcMain, type BrowserWindow } from 'electron';
import { eventNames } from '../../shared/contract';
import { OWNER, type Core } from '../core';
import { isTrustedSender } from './security';

export function relayIpc(core: Core, getWindow: () => BrowserWindow | undefined): () => void {
  ipcMain.handle('cassette:call', async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url)) return { ok: false, error: { code: 'auth_required', message: 'Untrusted sender' } };
    return core.dispatch(String(method), input, OWNER);
  });
  const offs = eventNames.map((name) =>
    core.events.on(name, (payload) => getWindow()?.webContents.send(`cassette:event:${name}`, payload)),
  );
  return () => {
    ipcMain.removeHandler('cassette:call');
    offs.forEach((o) => o());
  };
}
