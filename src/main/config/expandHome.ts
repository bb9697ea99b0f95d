// Folders typed by a person: `~` means their home folder on every host, and a relative path means nothing to a
// server (its working directory is not the user's), so it is refused rather than guessed.
import { homedir } from 'node:os';
import { isAbsolute, join, normalize } from 'node:path';
import { AppError } from '../../shared/result';

export function expandHome(path: string, home: string = homedir()): string {
  const p = path.trim();
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return join(home, p.slice(2));
  return p;
}

/** `~` expanded, then required to be absolute; throws invalid_input naming the folder otherwise. */
export function userFolder(path: string, home: string = homedir()): string {
  const expanded = expandHome(path, home);
  if (!isAbsolute(expanded)) {
    throw new AppError('invalid_input', `"${path}" is not a full path: start it with / or ~ (for example ~/Music).`);
  }
  return normalize(expanded);
}
