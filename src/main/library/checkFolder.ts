// The one check for a folder a client or the command line names (Qobuz folder, sync target, import source):
// an absolute path without NUL, not on a pseudo-filesystem (/proc, /sys, /dev, ...), and either a readable (and,
// when writing, writable) folder or one that can be created under a writable folder. Bounded and asynchronous.
import { constants } from 'node:fs';
import { access, realpath, stat, statfs } from 'node:fs/promises';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { AppError } from '../../shared/result';
import { fsErrorCode } from './fsErrorCode';
import { MAX_DIRECTORY_DEPTH } from './ensureDirectory';

export const MAX_FOLDER_LENGTH = 4096;

/** Kernel views, not storage: writing there fails in odd ways (or, under /proc, loops inside Node's mkdir). */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/** statfs f_type values of pseudo-filesystems (linux/magic.h). */
const PSEUDO_FS_TYPES = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0xcafe4a11, 'bpf'],
  [0x62656570, 'configfs'],
  [0x6165676c, 'pstore'],
  [0xde5e81e4, 'efivarfs'],
  [0x42494e4d, 'binfmt_misc'],
]);

export interface CheckFolderOptions {
  /** Whether Cassette will write into the folder (sync target) or only read it (import). Default: write. */
  access?: 'write' | 'read';
  /** Whether a folder that does not exist yet is acceptable (it is created later). Default: true for write. */
  mayCreate?: boolean;
  /** Names the folder in messages: "The Qobuz folder", "The import folder". */
  label?: string;
}

export interface CheckedFolder {
  /** The absolute, normalised path to use. */
  path: string;
  exists: boolean;
}

/** Checks a folder named by a user; throws AppError('invalid_input') with a message that says what to change. */
export async function checkFolder(input: string, options: CheckFolderOptions = {}): Promise<CheckedFolder> {
  const label = options.label ?? 'The folder';
  const mode = options.access ?? 'write';
  const mayCreate = options.mayCreate ?? mode === 'write';
  const bad = (why: string): AppError => new AppError('invalid_input', `${label} ${why}`);

  if (typeof input !== 'string' || input.trim() === '') throw bad('is empty: choose a folder.');
  if (input.includes('\0')) throw bad('contains a NUL character: choose a real folder.');
  if (input.length > MAX_FOLDER_LENGTH) throw bad(`is longer than ${MAX_FOLDER_LENGTH} characters.`);
  if (!isAbsolute(input)) throw bad(`must be an absolute path (got ${input}).`);
  const path = resolve(input);
  if (depthOf(path) > MAX_DIRECTORY_DEPTH) throw bad('is nested too deeply.');
  refusePseudo(path, path, bad);

  // The nearest folder that exists: the target itself, or the ancestor it would be created under.
  let existing = path;
  for (let depth = 0; ; depth++) {
    const kind = await kindOf(existing, bad);
    if (kind === 'directory') break;
    if (kind === 'other') throw bad(existing === path ? `${path} is a file, not a folder.` : `cannot be created: ${existing} is a file.`);
    const parent = dirname(existing);
    if (parent === existing || depth > MAX_DIRECTORY_DEPTH) throw bad(`${path} cannot be created.`);
    existing = parent;
  }
  const exists = existing === path;
  if (!exists && !mayCreate) throw bad(`${path} does not exist.`);

  // A symlink can lead into /proc; so can a bind mount, which only the filesystem type shows.
  const real = await realpath(existing).catch((e: unknown) => {
    throw bad(`${existing} cannot be read (${fsErrorCode(e) ?? 'error'}).`);
  });
  refusePseudo(real, path, bad);
  const fsType = await statfs(existing).then((s) => PSEUDO_FS_TYPES.get(Number(s.type)), () => undefined);
  if (fsType) throw bad(`${path} is on ${fsType}, a view of the system, not storage: choose a folder on a disk.`);

  // Reading an existing folder needs r-x; writing into it, or creating the target under an ancestor, needs -wx.
  const need = mode === 'read' && exists ? constants.R_OK | constants.X_OK : constants.W_OK | constants.X_OK;
  try {
    await access(existing, need);
  } catch {
    throw bad(exists ? `${path} is not ${mode === 'write' ? 'writable' : 'readable'} by Cassette.` : `${path} cannot be created: ${existing} is not writable.`);
  }
  return { path, exists };
}

function refusePseudo(candidate: string, shown: string, bad: (why: string) => AppError): void {
  for (const root of PSEUDO_ROOTS) {
    if (candidate === root || candidate.startsWith(root + sep)) {
      throw bad(`${shown} is under ${root}, a view of the system, not storage: choose a folder on a disk.`);
    }
  }
}

function depthOf(path: string): number {
  return path.split(sep).filter(Boolean).length;
}

async function kindOf(path: string, bad: (why: string) => AppError): Promise<'directory' | 'other' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'other';
  } catch (e) {
    const code = fsErrorCode(e);
    // ENOTDIR: a file on the way; the walk up finds it and names it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw bad(`${path} cannot be read (${code ?? 'error'}).`);
  }
}
