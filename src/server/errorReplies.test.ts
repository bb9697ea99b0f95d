import { describe, expect, it } from 'vitest';
import { loggableUrl } from './errorReplies';

describe('loggableUrl', () => {
  it('blanks cover keys and tokens in the query, keeps the rest', () => {
    expect(loggableUrl('/v1/covers/album/3?size=96&key=abc.def')).toBe('/v1/covers/album/3?size=96&key=…');
    expect(loggableUrl('/v1/covers/album/3?key=abc.def&size=96')).toBe('/v1/covers/album/3?key=…&size=96');
    expect(loggableUrl('/rpc?TOKEN=secret')).toBe('/rpc?TOKEN=…');
    expect(loggableUrl('/status')).toBe('/status');
    expect(loggableUrl('/v1/keys?monkey=1')).toBe('/v1/keys?monkey=1');
  });
});
