import { describe, expect, it } from 'vitest';
import { breakdownRows, breakdownSummary, formatLength, scorePercent } from './reviewFormat';

describe('review candidate formatting', () => {
  it('writes lengths and scores', () => {
    expect(formatLength(null)).toBeNull();
    expect(formatLength(0)).toBeNull();
    expect(formatLength(65.4)).toBe('1:05');
    expect(formatLength(3)).toBe('0:03');
    expect(scorePercent(0.829)).toBe(83);
  });

  it('puts the penalties in reading order and says what differs', () => {
    const b = {
      length: { weight: 2, value: 0.233, detail: '17 s longer' },
      artist: { weight: 2, value: 0.6, detail: 'artist not named' },
      title: { weight: 3, value: 0 },
      track_index: { weight: 0.5, value: 1 },
    };
    expect(breakdownRows(b)).toEqual([
      { name: 'Title', text: 'agrees', agrees: true },
      { name: 'Artist', text: 'artist not named', agrees: false },
      { name: 'Length', text: '17 s longer', agrees: false },
      { name: 'Track number', text: '100% different', agrees: false },
    ]);
    expect(breakdownSummary(b)).toBe('Title agrees · Artist: artist not named · Length: 17 s longer · Track number: 100% different');
  });
});
