import { afterEach, describe, expect, it, vi } from 'vitest';
import { useMatchedDownloadSlot, type MatchedDownloadRequest } from './matchedDownloadSlot';

afterEach(() => useMatchedDownloadSlot.setState({ handler: null }));

describe('the Matched Download slot', () => {
  it('holds the handler the modal registers, and forgets it when it unregisters', () => {
    const open = vi.fn();
    const unregister = useMatchedDownloadSlot.getState().register(open);
    const request: MatchedDownloadRequest = { kind: 'file', searchId: 's', username: 'u', files: [] };
    useMatchedDownloadSlot.getState().handler?.(request);
    expect(open).toHaveBeenCalledWith(request);
    unregister();
    expect(useMatchedDownloadSlot.getState().handler).toBeNull();
  });

  it('an old registration going away leaves a newer one in place', () => {
    const first = useMatchedDownloadSlot.getState().register(vi.fn());
    const second = vi.fn();
    useMatchedDownloadSlot.getState().register(second);
    first();
    expect(useMatchedDownloadSlot.getState().handler).toBe(second);
  });
});
