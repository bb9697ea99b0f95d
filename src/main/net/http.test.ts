import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient, HttpStatusError } from './http';

let server: Server;
let base: string;
let seen: string[] = [];
/** How many more requests answer 503 before the server answers 200. */
let failures = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.method ?? '');
    req.resume();
    req.on('end', () => {
      if (failures > 0) {
        failures--;
        res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen = [];
  failures = 0;
});

const client = () => new HttpClient({ baseUrl: base, retries: 3, backoffLimitMs: 5 });

describe('HttpClient retries', () => {
  it.each(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'] as const)('retries an idempotent %s through a 503', async (method) => {
    failures = 2;
    const res = await client().raw('x', { method });
    expect(res.status).toBe(200);
    expect(seen).toEqual([method, method, method]);
  });

  it.each(['POST', 'PATCH'] as const)('sends a %s once and reports the failure: it may have acted', async (method) => {
    failures = 1;
    const err = await client().raw('x', { method, json: { a: 1 } }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect((err as HttpStatusError).status).toBe(503);
    expect(seen).toEqual([method]);
  });

  it('retries a POST the caller marks idempotent (an idempotency key), also with an explicit retry count', async () => {
    failures = 2;
    expect((await client().raw('x', { method: 'POST', json: {}, idempotent: true })).status).toBe(200);
    expect(seen).toEqual(['POST', 'POST', 'POST']);
    seen = [];
    failures = 1;
    expect((await client().raw('x', { method: 'POST', json: {}, idempotent: true, retries: 1 })).status).toBe(200);
    expect(seen).toEqual(['POST', 'POST']);
  });
});
