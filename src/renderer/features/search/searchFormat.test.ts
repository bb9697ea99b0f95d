import { describe, expect, it } from 'vitest';
import { audioFacts, formatLength, peerSummary } from './searchFormat';

describe('search result facts', () => {
  it('writes lengths as m:ss or h:mm:ss', () => {
    expect(formatLength(245.4)).toBe('4:05');
    expect(formatLength(3723)).toBe('1:02:03');
    expect(formatLength(null)).toBeNull();
  });
  it('writes FLAC as bit depth and sample rate, lossy as bitrate', () => {
    const base = { bitRate: null, bitDepth: null, sampleRate: null, isVariableBitRate: false };
    expect(audioFacts({ ...base, format: 'flac', bitDepth: 24, sampleRate: 96_000 })).toBe('24-bit / 96 kHz');
    expect(audioFacts({ ...base, format: 'flac', bitDepth: 16, sampleRate: 44_100 })).toBe('16-bit / 44.1 kHz');
    expect(audioFacts({ ...base, format: 'mp3', bitRate: 245, isVariableBitRate: true })).toBe('VBR 245 kbps');
    expect(audioFacts({ ...base, format: 'ogg' })).toBeNull();
  });
  it('says whether the peer has a free slot, its queue otherwise, and its speed', () => {
    expect(peerSummary({ username: 'a', hasFreeUploadSlot: true, queueLength: 0, uploadSpeed: 2_500_000 })).toBe('free slot · 2.5 MB/s');
    expect(peerSummary({ username: 'a', hasFreeUploadSlot: false, queueLength: 12, uploadSpeed: 0 })).toBe('queue 12');
  });
});
