import { describe, expect, it } from 'vitest';
import { compactKey, normalise } from './normalise';

describe('normalise', () => {
  it.each([
    ['Beyoncé', 'beyonce'],
    ['BEYONCE', 'beyonce'],
    ['Sigur Rós', 'sigur ros'],
    ['Mötley Crüe', 'motley crue'],
    ['Røyksopp', 'royksopp'],
    ['Straße', 'strasse'],
    ['The Beatles', 'beatles'],
    ['Beatles, The', 'beatles'],
    ['Theatre of Tragedy', 'theatre of tragedy'],
    ['Simon & Garfunkel', 'simon and garfunkel'],
    ['Florence + The Machine', 'florence and the machine'],
    ["Guns N' Roses", 'guns n roses'],
    ['Don’t Stop Me Now', 'dont stop me now'],
    ['Song feat. X', 'song feat x'],
    ['Song ft. X', 'song feat x'],
    ['Song (Featuring X)', 'song feat x'],
    ['Song [feat X]', 'song feat x'],
    ['  Hello,   World!  ', 'hello world'],
    ['Around the World', 'around the world'],
    ['99 Luftballons', '99 luftballons'],
    ['ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
    ['東京', '東京'],
  ])('%s → %s', (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });

  it('does not mistake words that contain "ft" for a featuring mark', () => {
    expect(normalise('Left Outside Alone')).toBe('left outside alone');
    expect(normalise('Featherweight')).toBe('featherweight');
  });

  it('compactKey makes punctuation-only differences vanish', () => {
    expect(compactKey('AC/DC')).toBe(compactKey('ACDC'));
    expect(compactKey('Jay-Z')).toBe(compactKey('Jay Z'));
    expect(compactKey('Blink-182')).not.toBe(compactKey('Blink-183'));
  });
});
