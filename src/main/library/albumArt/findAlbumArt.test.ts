import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderImageRank, frontCover, readEmbeddedPicture } from './findAlbumArt';

describe('folder images', () => {
  it('ranks cover, then folder, then front; JPEG before PNG; anything else is not one', () => {
    const names = ['front.png', 'Folder.jpg', 'cover.PNG', 'COVER.jpeg', 'front.jpg', 'back.jpg', 'cover.gif', 'cover.jpg.part', 'covers.jpg'];
    const ranked = names.filter((n) => folderImageRank(n) !== undefined).sort((a, b) => folderImageRank(a)! - folderImageRank(b)!);
    expect(ranked).toEqual(['COVER.jpeg', 'cover.PNG', 'Folder.jpg', 'front.jpg', 'front.png']);
  });
});

describe('embedded pictures', () => {
  it('prefers the front cover among several pictures', () => {
    const pic = (type: string) => ({ format: 'image/jpeg', type, data: new Uint8Array([1]) });
    expect(frontCover([pic('Artist/performer'), pic('Cover (front)')])?.type).toBe('Cover (front)');
    expect(frontCover([pic('Media')])?.type).toBe('Media');
    expect(frontCover([])).toBeUndefined();
  });

  it.skipIf(process.platform === 'win32')('gives up on a file whose reading never finishes (a hung network share), saying so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cassette-hang-'));
    const fifo = join(dir, 'stuck.mp3');
    execFileSync('mkfifo', [fifo]);
    try {
      await expect(readEmbeddedPicture(fifo, 300)).rejects.toThrow('reading the tags took longer than 0.3 s');
    } finally {
      // Let the reader still waiting on the pipe finish, so no thread stays blocked (non-blocking: no reader, no wait).
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // nobody was reading
      }
      await rm(dir, { recursive: true, force: true });
    }
  });
});
