import { describe, expect, it } from 'vitest';
import { isPreview, judgeFileUrl, ladderFailure, ladderNote, QOBUZ_MP3_LADDER, type RungVerdict } from './formatLadder';

const [DL5, ST5, DL6] = QOBUZ_MP3_LADDER as [(typeof QOBUZ_MP3_LADDER)[0], (typeof QOBUZ_MP3_LADDER)[0], (typeof QOBUZ_MP3_LADDER)[0]];
const mp3 = { url: 'https://cdn/x', format_id: 5, duration: 200, mime_type: 'audio/mpeg' };
const flac = { url: 'https://cdn/y', format_id: 6, duration: 200, mime_type: 'audio/flac', bit_depth: 16 };

describe('the MP3 320 ladder', () => {
  it('asks download/5, then stream/5, then download/6', () => {
    expect(QOBUZ_MP3_LADDER.map((r) => `${r.intent}/${r.formatId}`)).toEqual(['download/5', 'stream/5', 'download/6']);
  });

  it('takes an MP3 at once, with no note', () => {
    const v = judgeFileUrl(DL5, mp3, 200);
    expect(v).toMatchObject({ ok: true, kind: 'mp3', url: 'https://cdn/x' });
    expect(v.ok && ladderNote(v, [])).toBeUndefined();
  });

  it('does not take FLAC on an MP3 rung, but does on the FLAC rung, and notes the transcode', () => {
    expect(judgeFileUrl(DL5, flac, 200)).toMatchObject({ ok: false, reason: 'wrong_format' });
    const v = judgeFileUrl(DL6, flac, 200);
    expect(v).toMatchObject({ ok: true, kind: 'flac' });
    const refused: RungVerdict[] = [
      { ok: false, rung: DL5, reason: 'no_url', restrictions: ['FormatRestrictedByFormatAvailability'] },
      { ok: false, rung: ST5, reason: 'no_url', restrictions: ['FormatRestrictedByFormatAvailability'] },
    ];
    expect(v.ok && ladderNote(v, refused)).toMatch(/no MP3 320.*download\/5: no url \(FormatRestrictedByFormatAvailability\).*transcoded it locally to MP3 320 CBR/);
  });

  it('notes when the MP3 came through the stream intent', () => {
    const v = judgeFileUrl(ST5, mp3, 200);
    const refused: RungVerdict[] = [{ ok: false, rung: DL5, reason: 'preview', restrictions: ['TrackRestrictedByPurchaseCredentials'] }];
    expect(v.ok && ladderNote(v, refused)).toMatch(/stream intent/);
  });

  it('an MP3 served on the FLAC rung is taken as is (no transcode)', () => {
    const v = judgeFileUrl(DL6, { ...mp3, restrictions: [{ code: 'FormatRestrictedByFormatAvailability' }] }, 200);
    expect(v).toMatchObject({ ok: true, kind: 'mp3' });
    expect(v.ok && ladderNote(v, [])).toMatch(/MP3 320 when asked for FLAC/);
  });
});

describe('preview rejection', () => {
  it.each([
    ['flagged sample', { ...mp3, sample: true, duration: 30 }, 200, true],
    ['format 1', { ...mp3, format_id: 1 }, 200, true],
    ['30 s file of a 200 s track', { ...mp3, duration: 30 }, 200, true],
    ['30 s file of a 31 s track (rounding)', { ...mp3, duration: 30 }, 31, false],
    ['a genuinely short track', { ...mp3, duration: 25 }, 25, false],
    ['unknown track length, unflagged', { ...mp3, duration: 30 }, undefined, false],
  ])('%s', (_name, f, trackSec, expected) => {
    expect(isPreview(f, trackSec)).toBe(expected);
    if (expected) expect(judgeFileUrl(DL5, f, trackSec)).toMatchObject({ ok: false, reason: 'preview' });
  });
});

describe('when every rung fails', () => {
  it('a preview-only track says so and mentions entitlement', () => {
    const verdicts: RungVerdict[] = QOBUZ_MP3_LADDER.map((rung) => ({ ok: false, rung, reason: 'preview', restrictions: ['TrackRestrictedByPurchaseCredentials'] }));
    const f = ladderFailure(42, verdicts);
    expect(f.type).toBe('rejected');
    expect(f.message).toMatch(/only a 30-second preview of track 42.*not entitled/);
  });

  it('rights-holder withdrawals are named', () => {
    const f = ladderFailure(7, [{ ok: false, rung: DL5, reason: 'no_url', restrictions: ['TrackRestrictedByRightHolders'] }]);
    expect(f.message).toMatch(/rights holders withdrew.*restriction codes: TrackRestrictedByRightHolders/);
    expect(f.type).toBe('not_found');
  });

  it('a restricted answer without url or format_id names its codes', () => {
    const verdicts: RungVerdict[] = QOBUZ_MP3_LADDER.map((rung) => judgeFileUrl(rung, { restrictions: [{ code: 'SomethingNew' }, { code: 'OtherCode' }] }, 200));
    expect(verdicts.every((v) => !v.ok && v.reason === 'no_url')).toBe(true);
    const f = ladderFailure(9, verdicts);
    expect(f).toMatchObject({ type: 'rejected' });
    expect(f.message).toMatch(/refused every format of track 9\. Qobuz's restriction codes: SomethingNew, OtherCode\./);
  });

  it('anything else lists what was tried', () => {
    const f = ladderFailure(7, [{ ok: false, rung: DL6, reason: 'wrong_format', restrictions: [] }]);
    expect(f.message).toMatch(/no downloadable file for track 7 \(download\/6: wrong format\)/);
  });
});
