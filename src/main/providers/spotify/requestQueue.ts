// One request queue per account: a few requests at a time, and a pause that holds every request of the account
// (a 429's Retry-After concerns the account's rolling window, not the one request that hit it).
import type { Clock } from '../../base';

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class AccountRequestQueue {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private pausedUntil = 0;
  /** Every pause the queue took, in ms (tests and progress read it). */
  readonly pauses: number[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly clock: Clock,
    private readonly sleep: Sleep = realSleep,
  ) {}

  pause(ms: number): void {
    this.pauses.push(ms);
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      for (let left = this.pausedUntil - this.clock.now(); left > 0; left = this.pausedUntil - this.clock.now()) await this.sleep(left);
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
