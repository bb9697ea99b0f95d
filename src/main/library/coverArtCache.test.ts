import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoverArtCache, sniffImageMime } from './coverArtCache';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9]);
let server: Server;
let base: string;
let dir: string;
const hits: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-covers-'));
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/a.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
    else if (req.url === '/b.png') res.writeHead(200, { 'content-type': 'binary/octet-stream' }).end(PNG);
    else if (req.url === '/page.html') res.writeHead(200, { 'content-type': 'image/jpeg' }).end('<html>blocked</html>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('sniffImageMime', () => {
  it('knows JPEG and PNG by their first bytes, nothing else', () => {
    expect(sniffImageMime(JPEG)).toBe('image/jpeg');
    expect(sniffImageMime(PNG)).toBe('image/png');
    expect(sniffImageMime(Buffer.from('<html>'))).toBeUndefined();
    expect(sniffImageMime(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('CoverArtCache', () => {
  it('fetches a cover once, judges it by its bytes, and keeps it on disk for the next run', async () => {
    const problems: string[] = [];
    const first = new CoverArtCache({ dir, onProblem: (m) => problems.push(m), http: { retries: 0 } });
    expect(await first.get(`${base}/a.jpg`)).toEqual({ data: JPEG, mime: 'image/jpeg' });
    expect(await first.get(`${base}/a.jpg`)).toEqual({ data: JPEG, mime: 'image/jpeg' });
    expect(await first.get(`${base}/b.png`)).toEqual({ data: PNG, mime: 'image/png' });
    expect(hits.filter((h) => h === '/a.jpg')).toHaveLength(1);
    expect((await readdir(dir)).filter((f) => !f.endsWith('.tmp'))).toHaveLength(2);

    const next = new CoverArtCache({ dir, http: { retries: 0 } });
    expect(await next.get(`${base}/a.jpg`)).toEqual({ data: JPEG, mime: 'image/jpeg' });
    expect(hits.filter((h) => h === '/a.jpg')).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('gives undefined, with a reason, for a non-image, a 404, a bad address or a damaged kept file', async () => {
    const problems: string[] = [];
    const covers = new CoverArtCache({ dir, onProblem: (m) => problems.push(m), http: { retries: 0 } });
    expect(await covers.get(`${base}/page.html`)).toBeUndefined();
    expect(await covers.get(`${base}/missing.jpg`)).toBeUndefined();
    expect(await covers.get('file:///etc/passwd')).toBeUndefined();
    expect(await covers.get(undefined)).toBeUndefined();
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/not a JPEG or PNG image/);
    expect(problems[1]).toMatch(/HTTP 404/);
    expect(problems[2]).toMatch(/unsupported address/);

    // A kept file that is not an image is ignored and fetched again.
    const fresh = await mkdtemp(join(tmpdir(), 'cassette-covers-bad-'));
    const c1 = new CoverArtCache({ dir: fresh, http: { retries: 0 } });
    await c1.get(`${base}/b.png`);
    const [kept] = await readdir(fresh);
    await writeFile(join(fresh, kept!), 'garbage');
    const before = hits.length;
    expect(await new CoverArtCache({ dir: fresh, http: { retries: 0 } }).get(`${base}/b.png`)).toEqual({ data: PNG, mime: 'image/png' });
    expect(hits.length).toBe(before + 1);
    await rm(fresh, { recursive: true, force: true });
  });
});
