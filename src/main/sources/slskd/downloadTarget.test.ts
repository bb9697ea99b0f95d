import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadTarget, realpathInside } from './downloadTarget';
import { UnsafeRemotePathError } from './remotePath';

let dir: string;
let downloads: string;
let outside: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-dltarget-'));
  downloads = join(dir, 'downloads');
  outside = join(dir, 'outside');
  await mkdir(join(downloads, 'Real Album'), { recursive: true });
  await mkdir(outside);
  await symlink(outside, join(downloads, 'Linked Album'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('realpathInside', () => {
  it('accepts paths below the downloads folder, existing or not', async () => {
    expect(await realpathInside(downloads, join(downloads, 'Real Album', 'x.mp3'))).toBe(true);
    expect(await realpathInside(downloads, join(downloads, 'New Album', 'x.mp3'))).toBe(true);
  });

  it('refuses a folder that links outside, the folder itself and its parent', async () => {
    expect(await realpathInside(downloads, join(downloads, 'Linked Album', 'x.mp3'))).toBe(false);
    expect(await realpathInside(downloads, downloads)).toBe(false);
    expect(await realpathInside(downloads, join(downloads, '..', 'x.mp3'))).toBe(false);
  });
});

describe('DownloadTarget', () => {
  it('refuses to snapshot a remote path whose folder is a symlink out of the downloads folder', async () => {
    await expect(DownloadTarget.snapshot(downloads, 'Share\\Linked Album\\x.mp3')).rejects.toThrow(UnsafeRemotePathError);
    await expect(DownloadTarget.unknownHistory(downloads, 'Share\\..\\x.mp3')).rejects.toThrow(UnsafeRemotePathError);
    const ok = await DownloadTarget.snapshot(downloads, 'Share\\Real Album\\x.mp3');
    expect(ok.expected).toBe(join(downloads, 'Real Album', 'x.mp3'));
  });
});
