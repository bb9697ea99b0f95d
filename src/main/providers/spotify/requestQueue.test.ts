import { describe, expect, it } from 'vitest';
import { AccountRequestQueue } from './requestQueue';

function fakeTime() {
  let t = 0;
  const sleepers: { until: number; resolve(): void }[] = [];
  return {
    clock: { now: () => t },
    sleep: (ms: number) => new Promise<void>((resolve) => sleepers.push({ until: t + ms, resolve })),
    advance(ms: number) {
      t += ms;
      for (const s of sleepers.splice(0)) if (s.until <= t) s.resolve();
      else sleepers.push(s);
    },
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('AccountRequestQueue', () => {
  it('a pause holds every request of the account until it ends, not just the one that hit the limit', async () => {
    const time = fakeTime();
    const q = new AccountRequestQueue(4, time.clock, time.sleep);
    q.pause(2000);
    const ran: string[] = [];
    const a = q.run(async () => ran.push('a'));
    const b = q.run(async () => ran.push('b'));
    await flush();
    expect(ran).toEqual([]);
    time.advance(1999);
    await flush();
    expect(ran).toEqual([]);
    time.advance(1);
    await Promise.all([a, b]);
    expect(ran.sort()).toEqual(['a', 'b']);
  });

  it('runs at most `concurrency` requests at once', async () => {
    const time = fakeTime();
    const q = new AccountRequestQueue(2, time.clock, time.sleep);
    let active = 0;
    let peak = 0;
    const job = () =>
      q.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await flush();
        active--;
      });
    await Promise.all(Array.from({ length: 7 }, job));
    expect(peak).toBe(2);
  });
});
