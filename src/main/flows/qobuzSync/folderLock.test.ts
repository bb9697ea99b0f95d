import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireFolderLock, FOLDER_LOCK_FILE } from './folderLock';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lockText = (o: { pid: number; host: string; nonce?: string }) => JSON.stringify({ startedAt: 1, nonce: 'theirs', ...o });

describe('acquireFolderLock', () => {
  it('holds the folder until released, then lets the next writer in', async () => {
    const lock = await acquireFolderLock(dir);
    expect(JSON.parse(await readFile(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await expect(acquireFolderLock(dir)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`process ${process.pid} on ${hostname()}`) });
    lock.release();
    expect(await readdir(dir)).toEqual([]);
    (await acquireFolderLock(dir)).release();
  });

  it('takes over a lock whose process is gone, or a damaged one', async () => {
    await writeFile(join(dir, FOLDER_LOCK_FILE), lockText({ pid: 4242, host: hostname() }));
    const lock = await acquireFolderLock(dir, { isAlive: () => false });
    expect(JSON.parse(await readFile(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    await writeFile(join(dir, FOLDER_LOCK_FILE), '{"pid":');
    (await acquireFolderLock(dir)).release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a lock held on another machine and says how to clear it if that process is gone', async () => {
    await writeFile(join(dir, FOLDER_LOCK_FILE), lockText({ pid: 7, host: 'nas.local' }));
    await expect(acquireFolderLock(dir)).rejects.toMatchObject({
      code: 'conflict',
      message: `Another Cassette sync (process 7 on nas.local) is writing to ${dir}. Wait for it to finish; if that process is gone, delete ${join(dir, FOLDER_LOCK_FILE)}, then sync again.`,
    });
  });

  it('release never removes a lock that another writer took over meanwhile', async () => {
    const lock = await acquireFolderLock(dir);
    await writeFile(lock.path, lockText({ pid: 9, host: hostname(), nonce: 'new-holder' }));
    lock.release();
    expect(JSON.parse(await readFile(lock.path, 'utf8'))).toMatchObject({ nonce: 'new-holder' });
  });
});
