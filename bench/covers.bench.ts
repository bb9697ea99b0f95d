// npm run bench:covers — album covers as the browser receives them from the headless host: the first request for
// each of 40 albums (10 MP3s each, a 1400×1400 JPEG embedded in every track: find the picture, make both
// thumbnails, keep them), the same requests again (fingerprint check, cached file), an album without a cover
// (remembered "none"), and a 50-megapixel folder.jpg. Prints JSON as the last line.
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, pathsFor, silentLogger } from '../src/main/core';
import { startHeadlessHost } from '../src/server/headlessHost';
import { makeTone } from '../test/support/audio';
import { embedPicture, makeImage, writeImage } from '../test/support/pictures';

const ALBUMS = Number(process.env.BENCH_ALBUMS ?? 40);
const TRACKS = 10;
const root = await mkdtemp(join(tmpdir(), 'cassette-bench-covers-'));
const token = 'bench-covers-token';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

try {
  const template = await makeTone(join(root, 'template.mp3'), { seconds: 2, format: 'mp3' });
  await embedPicture(template, await makeImage({ width: 1400, height: 1400, format: 'jpeg', color: '#a04030' }));
  const core = createCore({ paths: pathsFor(join(root, 'data')), logger: silentLogger }, { host: 'test', reconcileOnStart: false });
  const ids: number[] = [];
  for (let a = 1; a <= ALBUMS; a++) {
    const albumId = core.catalog.upsertAlbum({ title: `Album ${a}`, artist: { name: `Artist ${a}` } });
    ids.push(albumId);
    await mkdir(join(root, 'music', String(a)), { recursive: true });
    for (let t = 1; t <= TRACKS; t++) {
      const file = join(root, 'music', String(a), `${t}.mp3`);
      await copyFile(template, file);
      core.catalog.upsertTrack({ title: `T${a}-${t}`, artist: { name: `Artist ${a}` }, albumId, trackNumber: t, localPath: file });
    }
  }
  const bareFile = await makeTone(join(root, 'music', 'bare', '1.mp3'), { seconds: 1, format: 'mp3' });
  const bare = core.catalog.upsertAlbum({ title: 'Bare', artist: { name: 'Nobody' } });
  core.catalog.upsertTrack({ title: 'Bare', artist: { name: 'Nobody' }, albumId: bare, trackNumber: 1, localPath: bareFile });
  const bigFile = await makeTone(join(root, 'music', 'big', '1.mp3'), { seconds: 1, format: 'mp3' });
  await writeImage(join(root, 'music', 'big', 'folder.jpg'), { width: 8660, height: 5774, format: 'jpeg', color: '#3050a0' });
  const big = core.catalog.upsertAlbum({ title: 'Big', artist: { name: 'Large' } });
  core.catalog.upsertTrack({ title: 'Big', artist: { name: 'Large' }, albumId: big, trackNumber: 1, localPath: bigFile });

  const host = await startHeadlessHost({ core, token });
  const { key } = (await (await fetch(`${host.url}/v1/covers/key`, { headers: { authorization: `Bearer ${token}` } })).json()) as { key: string };
  const timed = async (id: number, size: 96 | 300): Promise<{ ms: number; status: number }> => {
    const t0 = performance.now();
    const res = await fetch(`${host.url}/v1/covers/album/${id}?size=${size}&key=${key}`);
    await res.arrayBuffer();
    return { ms: performance.now() - t0, status: res.status };
  };
  const cold: number[] = [];
  const warm: number[] = [];
  let failures = 0;
  for (const id of ids) {
    const r = await timed(id, 96);
    cold.push(r.ms);
    if (r.status !== 200) failures++;
  }
  for (const id of ids) {
    const r = await timed(id, 300);
    warm.push(r.ms);
    if (r.status !== 200) failures++;
  }
  await timed(bare, 96);
  const noneWarm = await timed(bare, 96);
  const bigCold = await timed(big, 300);
  await host.close();
  await core.close();
  console.log(JSON.stringify({
    albums: ALBUMS, tracksPerAlbum: TRACKS,
    coldMedianMs: Math.round(median(cold)), coldP95Ms: Math.round(p95(cold)),
    warmMedianMs: Number(median(warm).toFixed(1)), warmP95Ms: Number(p95(warm).toFixed(1)),
    noCoverCachedMs: Number(noneWarm.ms.toFixed(1)), noCoverStatus: noneWarm.status,
    fiftyMegapixelMs: Math.round(bigCold.ms), fiftyMegapixelStatus: bigCold.status, failures,
  }));
} finally {
  await rm(root, { recursive: true, force: true });
}
