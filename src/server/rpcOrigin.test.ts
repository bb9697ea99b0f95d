import { describe, expect, it } from 'vitest';
import { isLoopbackHost, originAllowed, ownOrigins } from './rpcOrigin';

describe('which pages may open /rpc', () => {
  const loopback = ownOrigins('127.0.0.1', 5175);

  it.each([
    [undefined, true],
    ['http://127.0.0.1:5175', true],
    ['http://localhost:5175', true],
    ['http://LOCALHOST:5175', true],
    ['http://[::1]:5175', true],
    ['https://evil.example', false],
    ['http://evil.example:5175', false], // DNS rebinding: the Host header would say evil.example too
    ['http://127.0.0.1:5176', false],
    ['https://127.0.0.1:5175', false],
    ['null', false],
    ['garbage', false],
    ['', false],
  ])('%j → %s', (origin, allowed) => {
    expect(originAllowed(origin, loopback)).toBe(allowed);
  });

  it('a specific address allows only itself; extra origins (a reverse proxy) can be added', () => {
    const lan = ownOrigins('192.168.1.20', 8080, ['https://music.example.org/']);
    expect(originAllowed('http://192.168.1.20:8080', lan)).toBe(true);
    expect(originAllowed('http://localhost:8080', lan)).toBe(false);
    expect(originAllowed('https://music.example.org', lan)).toBe(true);
  });

  it('a wildcard bind allows loopback names too', () => {
    expect(originAllowed('http://localhost:9000', ownOrigins('0.0.0.0', 9000))).toBe(true);
  });

  it.each([['127.0.0.1', true], ['127.1.2.3', true], ['localhost', true], ['::1', true], ['[::1]', true], ['0.0.0.0', false], ['192.168.1.2', false], ['::', false]])(
    'isLoopbackHost(%j) = %s',
    (h, want) => expect(isLoopbackHost(h)).toBe(want),
  );
});
