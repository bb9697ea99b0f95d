import { describe, expect, it } from 'vitest';
import { expandHome, userFolder } from './expandHome';

describe('expandHome / userFolder', () => {
  it.each([
    ['~', '/home/ann'],
    ['~/Music', '/home/ann/Music'],
    ['  ~/Music/Jazz ', '/home/ann/Music/Jazz'],
    ['/srv/music', '/srv/music'],
    ['~bob/Music', '~bob/Music'],
  ])('%s → %s', (input, out) => {
    expect(expandHome(input, '/home/ann')).toBe(out);
  });

  it('refuses a relative path instead of resolving it against the working directory', () => {
    expect(() => userFolder('Music', '/home/ann')).toThrow(/not a full path/);
    expect(() => userFolder('./Music', '/home/ann')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(userFolder('~/Music/../Jazz', '/home/ann')).toBe('/home/ann/Jazz');
  });
});
