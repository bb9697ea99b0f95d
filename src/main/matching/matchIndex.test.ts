import { describe, expect, it } from 'vitest';
import { MatchIndex, MAX_CANDIDATES } from './matchIndex';
import type { MatchTrack } from './score';

const t = (title: string, artist: string, durationSec = 200): MatchTrack => ({ title, artists: [artist], durationSec });

function catalog(): MatchIndex<string> {
  const index = new MatchIndex<string>();
  index.add('hey-jude', t('Hey Jude', 'The Beatles', 431));
  index.add('hey-jude-live', t('Hey Jude - Live', 'The Beatles', 460));
  index.add('hey-jude-pickett', t('Hey Jude', 'Wilson Pickett', 243));
  index.add('let-it-be', t('Let It Be', 'The Beatles', 243));
  index.add('kino', t('Группа крови', 'Кино', 285));
  index.add('yoasobi', t('夜に駆ける', 'YOASOBI', 261));
  return index;
}

describe('MatchIndex', () => {
  it('finds a file among same-titled tracks by artist and version', () => {
    const hits = catalog().searchFilename('Music\\The Beatles\\1967-1970\\05 - Hey Jude.flac', 431);
    expect(hits[0]?.id).toBe('hey-jude');
    expect(hits[0]?.result.match).toBe(true);
    expect(hits.find((h) => h.id === 'hey-jude-live')?.result.match).toBe(false);
    expect(hits.find((h) => h.id === 'hey-jude-pickett')?.result.match).toBe(false);
    expect(hits.some((h) => h.id === 'let-it-be')).toBe(false);
  });

  it('finds non-Latin titles, transliterated or not', () => {
    expect(catalog().searchFilename('Kino - Gruppa krovi.mp3', 286)[0]?.id).toBe('kino');
    expect(catalog().searchFilename('Кино\\Группа крови\\01 Группа крови.flac')[0]?.id).toBe('kino');
    expect(catalog().search(t('夜に駆ける', 'YOASOBI', 262))[0]?.id).toBe('yoasobi');
  });

  it('never scores more than MAX_CANDIDATES tracks, even for a title made of common words', () => {
    const index = new MatchIndex<number>();
    for (let i = 0; i < 3000; i++) index.add(i, t(`Love ${i % 7 === 0 ? 'Song' : 'Story'}`, `Artist ${i}`));
    index.add(99_999, t('Love Song', 'Nina Vale'));
    const hits = index.search(t('Love Song', 'Nina Vale'), { limit: 3 });
    expect(index.lastCandidates).toBeGreaterThan(0);
    expect(index.lastCandidates).toBeLessThanOrEqual(MAX_CANDIDATES);
    expect(hits[0]?.id).toBe(99_999);
  });

  it('returns nothing for a title no track shares a word with', () => {
    expect(catalog().searchFilename('Unrelated Artist - Nothing Here.mp3')).toEqual([]);
  });
});
