// What the user reads when the app cannot start (shown in an error box: there is no window yet to show it in).
import { AppError } from '../../shared/result';

const WRONG_ABI = /NODE_MODULE_VERSION|was compiled against a different Node\.js version|invalid ELF header|not a valid Win32 application/;

export function startupFailureMessage(error: unknown): string {
  if (error instanceof AppError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  if (WRONG_ABI.test(message)) {
    return (
      'SQLite was built for another runtime than this Electron, so the catalog cannot be opened. ' +
      'From a checkout, start the app with `npm start` (it rebuilds SQLite for Electron); an installed app needs reinstalling.'
    );
  }
  return `Cassette could not start: ${message}`;
}
