import { join, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localDownloadPath, planLocalDownloadPath, UnsafeRemotePathError } from './remotePath';

const DL = '/srv/slskd/downloads';

describe('planLocalDownloadPath', () => {
  it.each([
    ['@@music\\Artist\\Album\\01 - Title.flac', join(DL, 'Album', '01 - Title.flac')],
    ['@@music/Artist/Album/01 - Title.flac', join(DL, 'Album', '01 - Title.flac')],
    ['@@music\\Artist/Album\\\\01 - Title.flac', join(DL, 'Album', '01 - Title.flac')],
    ['Title.mp3', join(DL, 'Title.mp3')],
    // Absolute and UNC remote paths only contribute their last two segments.
    ['/etc/passwd.mp3', join(DL, 'etc', 'passwd.mp3')],
    ['\\\\server\\share\\Album\\x.mp3', join(DL, 'Album', 'x.mp3')],
    ['C:\\Users\\me\\Music\\Album\\x.mp3', join(DL, 'Album', 'x.mp3')],
    // Dots inside a name are fine; only whole dot segments are not.
    ['Share\\...And Justice for All\\01 Blackened.mp3', join(DL, '...And Justice for All', '01 Blackened.mp3')],
    ['Share\\Album\\Wait....mp3', join(DL, 'Album', 'Wait....mp3')],
    // Dot segments further up are never used: only the parent folder and the name are.
    ['Share/../../../etc/cron.d/x.mp3', join(DL, 'cron.d', 'x.mp3')],
    ['Share\\Album\\Who Are You?.mp3', join(DL, 'Album', 'Who Are You?.mp3')],
  ])('%j → %j', (remote, expected) => {
    expect(planLocalDownloadPath(DL, remote, 'linux')).toEqual({ ok: true, path: expected });
  });

  it.each([
    ['Share\\..\\x.mp3', /folder name is a relative segment/],
    ['Share\\Album\\..', /file name is a relative segment/],
    ['..\\x.mp3', /folder name is a relative segment/],
    ['Share\\.\\x.mp3', /folder name is a relative segment/],
    ['Share\\ . \\x.mp3', /relative segment/],
    ['Share\\...\\x.mp3', /relative segment/],
    // Unicode look-alikes of dots and slashes (NFKC folds them).
    ['Share\\\uff0e\uff0e\\x.mp3', /relative segment/],
    ['Share\\\u2025\\x.mp3', /relative segment/],
    ['Share\\\u2024\u2024\\x.mp3', /relative segment/],
    ['Share\\Album\\..\uff0fx.mp3', /path separator/],
    ['Share\\Album\\a\uff3cb.mp3', /path separator/],
    ['Share\\C:\\x.mp3', /drive letter/],
    ['Share\\Album\\C:x.mp3', /drive letter/],
    ['Share\\Al\u0000bum\\x.mp3', /control character/],
    ['Share\\Album\\x\u0000.mp3', /control character/],
    ['Share\\Album\\x\n.mp3', /control character/],
    [`Share\\Album\\${'a'.repeat(252)}.mp3`, /longer than 255 bytes/],
    [`Share\\${'é'.repeat(128)}\\x.mp3`, /longer than 255 bytes/],
    ['', /empty/],
    ['\\\\', /empty/],
  ])('%j is refused', (remote, reason) => {
    const r = planLocalDownloadPath(DL, remote, 'linux');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('replaces what Windows forbids in a name, as slskd does there, and stays inside', () => {
    expect(planLocalDownloadPath('D:\\dl', 'Share\\Who?\\A "B" <C>|*.mp3', 'win32')).toEqual({
      ok: true,
      path: win32.join('D:\\dl', 'Who_', 'A _B_ _C___.mp3'),
    });
    expect(planLocalDownloadPath('D:\\dl', 'Share\\..\\x.mp3', 'win32').ok).toBe(false);
  });

  it('every accepted path is strictly inside the downloads folder', () => {
    const nasty = ['..', '.', '', ' ', '\uff0e', 'a', 'C:', '\u0000', '/', '\\', '..\\..', 'x.mp3'];
    for (const a of nasty) for (const b of nasty) for (const c of nasty) {
      const r = planLocalDownloadPath(DL, `${a}\\${b}/${c}`, 'linux');
      if (r.ok) expect(r.path.startsWith(`${DL}/`)).toBe(true);
    }
  });

  it('localDownloadPath throws a typed rejection', () => {
    expect(() => localDownloadPath(DL, 'Share\\..\\x.mp3')).toThrow(UnsafeRemotePathError);
    try {
      localDownloadPath(DL, 'Share\\..\\x.mp3');
    } catch (e) {
      expect((e as UnsafeRemotePathError).type).toBe('rejected');
    }
  });
});
