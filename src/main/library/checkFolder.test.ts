// The folder checker and the bounded mkdir, on real folders (a temp dir) and the kernel's pseudo-filesystems.
import { mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFolder, ensureDirectory, EnsureDirectoryError, MAX_DIRECTORY_DEPTH } from './index';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-folder-'));
  await writeFile(join(dir, 'file.txt'), 'x');
  await symlink('/proc/sys', join(dir, 'into-proc'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: Error & { code?: string }) => `${e.code}: ${e.message}`);

describe('checkFolder', () => {
  it.each([
    ['/proc', /under \/proc/],
    ['/proc/sys', /under \/proc/],
    ['/proc/self/../sys', /under \/proc/],
    ['/sys/kernel', /under \/sys/],
    ['/dev', /under \/dev/],
    ['/dev/shm/music', /under \/dev/],
    ['relative/music', /absolute path/],
    ['', /empty/],
    ['/tmp/a\0b', /NUL/],
    [`/${'a'.repeat(5000)}`, /longer than/],
    [`/${'a/'.repeat(MAX_DIRECTORY_DEPTH + 1)}`, /nested too deeply/],
  ])('refuses %j', async (folder, why) => {
    expect(await refusal(checkFolder(folder))).toMatch(new RegExp(`^invalid_input: The folder .*${why.source}`));
  });

  it('refuses a file, a folder below a file, and a symlink into /proc', async () => {
    expect(await refusal(checkFolder(join(dir, 'file.txt')))).toMatch(/is a file, not a folder/);
    expect(await refusal(checkFolder(join(dir, 'file.txt', 'below')))).toMatch(/is a file/);
    expect(await refusal(checkFolder(join(dir, 'into-proc')))).toMatch(/under \/proc/);
    expect(await refusal(checkFolder(join(dir, 'into-proc', 'new')))).toMatch(/under \/proc/);
  });

  it('accepts an existing folder and one that can be created, without creating it', async () => {
    expect(await checkFolder(dir)).toEqual({ path: dir, exists: true });
    const later = join(dir, 'New', 'Deeper');
    expect(await checkFolder(`${later}/`)).toEqual({ path: later, exists: false });
    await expect(stat(join(dir, 'New'))).rejects.toThrow();
  });

  it('for reading (import), the folder must exist', async () => {
    expect(await refusal(checkFolder(join(dir, 'missing'), { access: 'read', label: 'The folder to import' }))).toMatch(/^invalid_input: The folder to import .* does not exist/);
    expect(await checkFolder(dir, { access: 'read' })).toEqual({ path: dir, exists: true });
  });
});

describe('ensureDirectory', () => {
  it('creates missing levels and accepts an existing folder', async () => {
    const target = join(dir, 'a', 'b', 'c');
    await ensureDirectory(target);
    expect((await stat(target)).isDirectory()).toBe(true);
    await ensureDirectory(target);
  });

  it('fails at once under /proc, where Node’s recursive mkdir never returns', async () => {
    const e = await ensureDirectory('/proc/sys/cassette-test/x/y').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EnsureDirectoryError);
    expect((e as EnsureDirectoryError).message).toMatch(/Could not create the folder \/proc\/sys\/cassette-test/);
  });

  it('refuses to go through a file', async () => {
    await expect(ensureDirectory(join(dir, 'file.txt', 'x'))).rejects.toThrow(/is not a folder/);
  });
});
