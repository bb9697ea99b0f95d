import { describe, expect, it } from 'vitest';
import { againOnReset } from './unreachable';

const network = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });

describe('againOnReset', () => {
  it('asks once more when the connection was reset (a kept-alive connection the server had closed)', async () => {
    let calls = 0;
    const answer = await againOnReset(async () => {
      if (++calls === 1) throw network('ECONNRESET');
      return 'sections';
    });
    expect({ answer, calls }).toEqual({ answer: 'sections', calls: 2 });
  });

  it('says a refused connection at once, and a second reset is the answer', async () => {
    let calls = 0;
    await expect(againOnReset(async () => {
      calls++;
      throw network('ECONNREFUSED');
    })).rejects.toThrow('fetch failed');
    expect(calls).toBe(1);
    calls = 0;
    await expect(againOnReset(async () => {
      calls++;
      throw network('ECONNRESET');
    })).rejects.toThrow('fetch failed');
    expect(calls).toBe(2);
  });
});
