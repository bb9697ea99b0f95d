// Tray icon and taskbar progress that follow the queue.
import { Tray, nativeImage, type BrowserWindow } from 'electron';
import type { Notifier } from '../base';
import { Notification } from 'electron';

export function trayNotifier(iconPath: string, getWindow: () => BrowserWindow | undefined): Notifier {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  tray.setToolTip('Cassette — idle');
  tray.on('click', () => getWindow()?.show());
  return {
    progress(fraction, summary) {
      tray.setToolTip(`Cassette — ${summary}`);
      getWindow()?.setProgressBar(fraction === null ? -1 : fraction);
    },
    notify(title, body) {
      new Notification({ title, body }).show();
    },
  };
}
