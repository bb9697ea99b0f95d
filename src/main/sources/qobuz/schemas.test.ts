import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  qobuzAlbumSchema,
  qobuzAlbumSummarySchema,
  qobuzFileUrlSchema,
  qobuzLoginSchema,
  qobuzPurchaseIdsSchema,
  qobuzPurchasesSchema,
  qobuzTrackWithAlbumSchema,
  qobuzUserSchema,
} from './schemas';

// Real captured responses, copied into the repository with their origins (test/fixtures/real/README.md).
const FIXTURES = resolve(import.meta.dirname, '../../../../test/fixtures/real/qobuz');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

describe('Qobuz schemas on real captured responses', () => {
  it('album/get keeps every track with disc and track numbers', () => {
    const album = qobuzAlbumSchema.parse(fixture('vvaidy-album-get.json'));
    expect(album.title).toBe('Random Access Memories (Édition Studio Masters)');
    expect(album.tracks.items).toHaveLength(album.tracks.total);
    expect(album.tracks.items[0]).toMatchObject({ id: 9140024, track_number: 1, media_number: 1 });
  });

  it('an album without a track list (streamrip capture) parses as a summary, version included', () => {
    const album = qobuzAlbumSummarySchema.parse(fixture('streamrip-qobuz_album_resp.json'));
    expect(album).toMatchObject({ id: '0603497941032', title: 'Rumours', version: '2001 Remaster' });
  });

  it('track/get has the nested album', () => {
    const a = qobuzTrackWithAlbumSchema.parse(fixture('vvaidy-track-get.json'));
    expect(a.album.id).toBe('0886445054996');
    const b = qobuzTrackWithAlbumSchema.parse(fixture('streamrip-qobuz_track_resp.json'));
    expect(b).toMatchObject({ isrc: 'USMRG2384109', album: { title: 'Jenny from Thebes' } });
  });

  it('purchases keep independent totals for albums and tracks', () => {
    const p = qobuzPurchasesSchema.parse(fixture('vvaidy-purchase-get-user-purchases.json'));
    expect(p.albums?.total).toBe(727);
    expect(p.tracks?.total).toBe(66);
    expect(p.tracks?.items[0]?.album.id).toBe('0060254713804');
  });

  it('purchase ids: album ids are strings, track ids numbers', () => {
    const p = qobuzPurchaseIdsSchema.parse(fixture('vvaidy-purchase-get-user-purchases-ids.json'));
    expect(p.albums?.items[0]?.id).toBe('0000020110926');
    expect(p.tracks?.items[0]?.id).toBe(4283570);
  });

  it('file URL and login parse; unknown fields pass through', () => {
    const f = qobuzFileUrlSchema.parse(fixture('vvaidy-track-get-file-url.json'));
    expect(f).toMatchObject({ format_id: 6, mime_type: 'audio/flac', bit_depth: 16 });
    const login = qobuzLoginSchema.parse(fixture('vvaidy-user-login.json'));
    expect(login.user_auth_token).toBe('123456789myAuthTocken');
    expect((login.user as Record<string, unknown>).player_settings).toBeDefined();
  });

  it('reads getFileUrl leniently: null or missing details, restricted answers, junk restriction entries', () => {
    const mp3 = qobuzFileUrlSchema.parse({ track_id: 1, format_id: 5, url: 'https://cdn/x', duration: 200, bit_depth: null, sampling_rate: null });
    expect(mp3).toMatchObject({ url: 'https://cdn/x', format_id: 5, duration: 200 });
    expect(mp3.bit_depth).toBeUndefined();
    expect(mp3.sampling_rate).toBeUndefined();
    const odd = qobuzFileUrlSchema.parse({ url: 'https://cdn/y', format_id: 6, sampling_rate: '44.1', mime_type: null, sample: 'no', track_id: null });
    expect(odd).toMatchObject({ url: 'https://cdn/y', format_id: 6 });
    expect(odd.sampling_rate).toBeUndefined();
    const restricted = qobuzFileUrlSchema.parse({
      track_id: 7,
      format_id: null,
      url: null,
      restrictions: [{ code: 'TrackRestrictedByRightHolders' }, { reason: 'x' }, null, { code: '' }],
    });
    expect(restricted.url).toBeUndefined();
    expect(restricted.format_id).toBeUndefined();
    expect(restricted.restrictions).toEqual([{ code: 'TrackRestrictedByRightHolders' }]);
    expect(qobuzFileUrlSchema.parse({ restrictions: null }).restrictions).toEqual([]);
  });

  it('accepts a purchase-only account (credential.parameters null) and rejects a user without id', () => {
    expect(qobuzUserSchema.parse({ id: 1, credential: { parameters: null } }).credential?.parameters).toBeNull();
    expect(qobuzUserSchema.safeParse({ login: 'x' }).success).toBe(false);
  });
});
