import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../base';
import { KeepLikesSchedule, likesDue } from './keepLikesSchedule';

const DAY = 24 * 60 * 60_000;
const on = { keepLikes: true, schedule: 'daily' } as const;

describe('likesDue', () => {
  it('is due on the backup schedule only while keep my likes is on', () => {
    expect(likesDue(10 * DAY, on, null)).toBe(true);
    expect(likesDue(10 * DAY, { ...on, keepLikes: false }, null)).toBe(false);
    expect(likesDue(10 * DAY, { ...on, schedule: 'off' }, null)).toBe(false);
  });

  it('waits for the interval since the last run (with half an hour of slack) and never overlaps a running one', () => {
    expect(likesDue(10 * DAY, on, { startedAt: 10 * DAY - 2 * 60 * 60_000, running: false })).toBe(false);
    expect(likesDue(10 * DAY, on, { startedAt: 9 * DAY + 20 * 60_000, running: false })).toBe(true);
    expect(likesDue(10 * DAY, on, { startedAt: 0, running: true })).toBe(false);
    expect(likesDue(10 * DAY, { ...on, schedule: 'weekly' }, { startedAt: 5 * DAY, running: false })).toBe(false);
    expect(likesDue(13 * DAY, { ...on, schedule: 'weekly' }, { startedAt: 5 * DAY, running: false })).toBe(true);
  });
});

describe('KeepLikesSchedule', () => {
  it('starts the analysis when due and says why when it cannot', async () => {
    const warnings: string[] = [];
    let starts = 0;
    let fail = false;
    const s = new KeepLikesSchedule({
      setting: async () => on,
      latest: () => null,
      start: async () => {
        starts++;
        if (fail) throw new Error('Sign in to Spotify first');
      },
      clock: { now: () => 10 * DAY },
      logger: { ...silentLogger, warn: (m) => warnings.push(m) },
    });
    expect(await s.tick()).toBe(true);
    fail = true;
    expect(await s.tick()).toBe(false);
    expect(starts).toBe(2);
    expect(warnings).toEqual(['Keep my likes: Liked Songs could not be checked: Sign in to Spotify first']);
  });
});
