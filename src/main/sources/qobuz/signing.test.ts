import { describe, expect, it } from 'vitest';
import { qobuzSignature } from './signing';

describe('qobuzSignature', () => {
  it('matches the published test vector', () => {
    expect(
      qobuzSignature({
        secret: 'c825fa30896f11e7bb31be2e44b06b34',
        ts: 1431447073,
        trackId: 23601296,
        formatId: 6,
        intent: 'stream',
      }),
    ).toBe('ed0c7d7e74ab9abfac76f02e722ed59e');
  });

  it('signs the intent that is sent (download differs from stream)', () => {
    const base = { secret: 'c825fa30896f11e7bb31be2e44b06b34', ts: 1431447073, trackId: 23601296, formatId: 6 };
    expect(qobuzSignature({ ...base, intent: 'download' })).not.toBe(qobuzSignature({ ...base, intent: 'stream' }));
  });
});
