// Atomic moves into the library and `.part` clean-up, on a real temp directory.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPartOf, moveFileAtomic, parsePartFile, partPathFor, partWriterToken, sweepPartFiles, TransferError, type TransferFs } from '../../src/main/library';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-transfer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exists = (p: string): Promise<boolean> => readFile(p).then(() => true, () => false);

function exdevError(): Error {
  return Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
}

/** A rename that behaves like one across two volumes: src → dest fails with EXDEV, within dest's folder works. */
function crossVolumeRename(srcDir: string): TransferFs['rename'] {
  return async (from, to) => {
    if (from.startsWith(srcDir)) throw exdevError();
    const { rename } = await import('node:fs/promises');
    await rename(from, to);
  };
}

async function setup(content = 'audio bytes'): Promise<{ src: string; dest: string; srcDir: string }> {
  const srcDir = join(dir, 'downloads');
  await mkdir(srcDir, { recursive: true });
  const src = join(srcDir, 'track.mp3');
  await writeFile(src, content);
  return { src, dest: join(dir, 'Library', 'Artist', 'Album', '01 - Track.mp3'), srcDir };
}

describe('moveFileAtomic', () => {
  it('renames on the same volume, creating the folders', async () => {
    const { src, dest } = await setup();
    const result = await moveFileAtomic(src, dest);
    expect(result).toMatchObject({ path: dest, method: 'rename', sizeBytes: 11, sourceRemoved: true });
    expect(await readFile(dest, 'utf8')).toBe('audio bytes');
    expect(await exists(src)).toBe(false);
  });

  it('copies, verifies and renames across volumes (EXDEV), leaving no .part behind', async () => {
    const { src, dest, srcDir } = await setup();
    const result = await moveFileAtomic(src, dest, { fs: { rename: crossVolumeRename(srcDir) }, verify: 'sha256' });
    expect(result.method).toBe('copy');
    expect(result.sourceRemoved).toBe(true);
    expect(await readFile(dest, 'utf8')).toBe('audio bytes');
    expect(await exists(src)).toBe(false);
    expect(await readdir(join(dir, 'Library', 'Artist', 'Album'))).toEqual(['01 - Track.mp3']);
  });

  it('rolls back when the cross-volume copy comes out short: no partial file, source untouched', async () => {
    const { src, dest, srcDir } = await setup();
    const shortCopy: TransferFs['copyFile'] = async (_from, to) => writeFile(to, 'audio');
    const move = moveFileAtomic(src, dest, { fs: { rename: crossVolumeRename(srcDir), copyFile: shortCopy } });
    await expect(move).rejects.toMatchObject({ type: 'storage', code: 'verify_failed' });
    expect(await exists(dest)).toBe(false);
    expect(await exists(partPathFor(dest))).toBe(false);
    expect(await readFile(src, 'utf8')).toBe('audio bytes');
  });

  it('rolls back when the copy has the right size but different bytes (sha256)', async () => {
    const { src, dest, srcDir } = await setup();
    const corruptCopy: TransferFs['copyFile'] = async (_from, to) => writeFile(to, 'AUDIO BYTES');
    const move = moveFileAtomic(src, dest, {
      verify: 'sha256',
      fs: { rename: crossVolumeRename(srcDir), copyFile: corruptCopy },
    });
    await expect(move).rejects.toMatchObject({ code: 'verify_failed' });
    expect(await exists(dest)).toBe(false);
    expect(await exists(partPathFor(dest))).toBe(false);
    expect(await readFile(src, 'utf8')).toBe('audio bytes');
  });

  it('reports a full disk as disk_full and cleans the partial copy', async () => {
    const { src, dest, srcDir } = await setup();
    const fullDisk: TransferFs['copyFile'] = async (_from, to) => {
      await writeFile(to, 'aud');
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    const move = moveFileAtomic(src, dest, { fs: { rename: crossVolumeRename(srcDir), copyFile: fullDisk } });
    await expect(move).rejects.toMatchObject({ code: 'disk_full' });
    await expect(move).rejects.toThrow(/disk is full/);
    expect(await exists(partPathFor(dest))).toBe(false);
    expect(await readFile(src, 'utf8')).toBe('audio bytes');
  });

  it('refuses to replace a different existing file unless overwrite is set', async () => {
    const { src, dest } = await setup('new download');
    await mkdir(join(dir, 'Library', 'Artist', 'Album'), { recursive: true });
    await writeFile(dest, 'old file the user has');

    const move = moveFileAtomic(src, dest);
    await expect(move).rejects.toBeInstanceOf(TransferError);
    await expect(move).rejects.toMatchObject({ code: 'dest_exists', type: 'storage' });
    expect(await readFile(dest, 'utf8')).toBe('old file the user has');
    expect(await readFile(src, 'utf8')).toBe('new download');

    const result = await moveFileAtomic(src, dest, { overwrite: true });
    expect(result.method).toBe('rename');
    expect(await readFile(dest, 'utf8')).toBe('new download');
  });

  it('treats an identical file at the destination as done and removes the source', async () => {
    const { src, dest } = await setup('same bytes');
    await mkdir(join(dir, 'Library', 'Artist', 'Album'), { recursive: true });
    await copyFile(src, dest);
    const result = await moveFileAtomic(src, dest);
    expect(result).toMatchObject({ method: 'already-present', sourceRemoved: true });
    expect(await exists(src)).toBe(false);
    expect(await readFile(dest, 'utf8')).toBe('same bytes');
  });

  it('fails with source_missing when there is nothing to move', async () => {
    await expect(moveFileAtomic(join(dir, 'nope.mp3'), join(dir, 'out.mp3'))).rejects.toMatchObject({
      code: 'source_missing',
    });
    expect(await exists(join(dir, 'out.mp3'))).toBe(false);
  });

  it('moves a download from its .part file beside the target', async () => {
    const target = join(dir, 'A', 'B', '01 - T.flac');
    await mkdir(join(dir, 'A', 'B'), { recursive: true });
    await writeFile(partPathFor(target), 'flac bytes');
    await moveFileAtomic(partPathFor(target), target);
    expect(await readdir(join(dir, 'A', 'B'))).toEqual(['01 - T.flac']);
  });
});

describe('partPathFor', () => {
  it('names a hidden file beside the target that says it is Cassette’s and whose it is', () => {
    expect(partPathFor('/m/A/01 - T.mp3', 'box-42')).toBe('/m/A/.01 - T.mp3.box-42.cassette-part');
    expect(parsePartFile('/m/A/.01 - T.mp3.box-42.cassette-part')).toEqual({ dir: '/m/A', stem: '01 - T.mp3', writer: 'box-42' });
    expect(parsePartFile('/m/A/.01 - T.mp3.box-42.cassette-part.tagging.part')).toMatchObject({ writer: 'box-42', derived: '.tagging.part' });
  });

  it('knows the resume records beside a part and beside a transcode’s staging file as its own', () => {
    expect(parsePartFile('/m/A/.01 - T.mp3.box-42.cassette-part.resume')).toEqual({ dir: '/m/A', stem: '01 - T.mp3', writer: 'box-42', derived: '.resume' });
    expect(parsePartFile('/m/A/.01 - T.mp3.box-42.cassette-part.flac.resume')).toMatchObject({ stem: '01 - T.mp3', derived: '.flac.resume' });
    expect(parsePartFile('/m/A/x.mp3.resume')).toBeUndefined();
  });

  it('gives two writers of one target two files', () => {
    const a = partPathFor('/m/x.mp3', partWriterToken('host.example.org:100'));
    const b = partPathFor('/m/x.mp3', partWriterToken('host.example.org:101'));
    expect(a).not.toBe(b);
    expect(parsePartFile(a)?.writer).toBe('host_example_org-100');
  });

  it('does not mistake other programs’ part files for its own', () => {
    for (const p of ['/m/x.mp3.part', '/m/.x.mp3.part', '/m/x.cassette-part', '/m/.x.mp3.a b.cassette-part']) expect(parsePartFile(p)).toBeUndefined();
  });

  it('keeps long names within 255 bytes and still knows their target', () => {
    const target = `/m/${'é'.repeat(120)}.mp3`;
    const part = partPathFor(target, 'h-1');
    expect(Buffer.byteLength(part.slice(3) + '.tagging.part')).toBeLessThanOrEqual(255);
    expect(isPartOf(parsePartFile(part)!, target)).toBe(true);
    expect(isPartOf(parsePartFile(part)!, '/m/other.mp3')).toBe(false);
  });
});

describe('sweepPartFiles', () => {
  const dead = 'gone-1';
  const alive = 'live-2';
  const isWriterAlive = (w: string) => w === alive;

  it('removes the part files of writers that are gone, at any depth, and nothing else', async () => {
    await mkdir(join(dir, 'A', 'B'), { recursive: true });
    const leftover = partPathFor(join(dir, 'x.mp3'), dead);
    const deep = partPathFor(join(dir, 'A', 'B', 'y.flac'), dead);
    const tagging = `${deep}.tagging.part`;
    const running = partPathFor(join(dir, 'A', 'z.mp3'), alive);
    for (const p of [leftover, deep, tagging, running]) await writeFile(p, '1');
    // Not Cassette's: a browser's half-finished download, and files that merely look similar.
    await writeFile(join(dir, 'A', 'browser.mp3.part'), 'keep');
    await writeFile(join(dir, 'A', 'B', 'y.flac'), 'keep');
    await mkdir(join(dir, 'A', 'folder.part'));

    const removed = await sweepPartFiles([dir, join(dir, 'A')], { isWriterAlive });
    expect(removed.sort()).toEqual([deep, tagging, leftover].sort());
    expect((await readdir(join(dir, 'A'))).sort()).toEqual(['.z.mp3.live-2.cassette-part', 'B', 'browser.mp3.part', 'folder.part']);
    expect(await readdir(join(dir, 'A', 'B'))).toEqual(['y.flac']);
  });

  it('keeps a part a source resumes from and its resume record, but not its tagging copy', async () => {
    const target = join(dir, 'resume.mp3');
    const part = partPathFor(target, dead);
    await writeFile(part, 'x');
    await writeFile(`${part}.tagging.part`, 'x');
    await writeFile(`${part}.resume`, '{}');
    const removed = await sweepPartFiles([dir], { isWriterAlive, resumable: (p) => isPartOf(p, target) });
    expect(removed).toEqual([`${part}.tagging.part`]);
    expect((await readdir(dir)).sort()).toEqual([basename(part), `${basename(part)}.resume`]);
  });

  it('removes the resume record of a crashed writer’s part that nothing resumes', async () => {
    const part = partPathFor(join(dir, 'gone.mp3'), dead);
    for (const p of [part, `${part}.resume`, `${part}.flac`, `${part}.flac.resume`]) await writeFile(p, '1');
    const removed = await sweepPartFiles([dir], { isWriterAlive });
    expect(removed.sort()).toEqual([part, `${part}.flac`, `${part}.flac.resume`, `${part}.resume`].sort());
    expect(await readdir(dir)).toEqual([]);
  });

  it('accepts a folder that does not exist', async () => {
    expect(await sweepPartFiles([join(dir, 'missing')], { isWriterAlive })).toEqual([]);
  });
});
