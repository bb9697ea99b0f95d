// Tray icon, tooltip and taskbar progress, and desktop notifications, as the core's Notifier (the core decides
// what to say: flows/hostProgress). Windows shows a notification as a balloon from the tray icon; elsewhere it
// is a system Notification (when the platform supports them).
import { Notification, Tray, nativeImage, type BrowserWindow } from 'electron';
import type { Notifier } from '../base';

export function trayNotifier(iconPath: string, getWindow: () => BrowserWindow | undefined): Notifier {
  const icon = nativeImage.createFromPath(iconPath);
  const tray = new Tray(icon);
  tray.setToolTip('Cassette — Idle');
  tray.on('click', () => getWindow()?.show());
  tray.on('balloon-click', () => getWindow()?.show());
  return {
    progress(fraction, summary) {
      tray.setToolTip(`Cassette — ${summary}`);
      getWindow()?.setProgressBar(fraction === null ? -1 : fraction);
    },
    notify(title, body) {
      if (process.platform === 'win32') {
        tray.displayBalloon({ title, content: body, icon, iconType: 'custom' });
        return;
      }
      if (!Notification.isSupported()) return;
      const n = new Notification({ title, body, icon });
      n.on('click', () => getWindow()?.show());
      n.show();
    },
  };
}
