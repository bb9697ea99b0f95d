import { describe, expect, it } from 'vitest';
import { ladderRank, MIN_QUALITY_CHOICES, qualityPolicy, type QualityTier } from './quality';

const accepts = (choice: (typeof MIN_QUALITY_CHOICES)[number], tier: QualityTier) => {
  const p = qualityPolicy(choice);
  return ladderRank(tier, p.qualityLadder, p.minQuality) !== undefined;
};

describe('qualityPolicy', () => {
  it.each<[(typeof MIN_QUALITY_CHOICES)[number], QualityTier[], QualityTier[]]>([
    ['lossless', ['flac-24', 'flac-16'], ['mp3-320', 'mp3-v0', 'aac-256']],
    ['mp3-320', ['flac-24', 'flac-16', 'mp3-320'], ['mp3-v0', 'mp3-256', 'ogg']],
    ['mp3-v0', ['flac-16', 'mp3-320', 'mp3-v0'], ['mp3-256', 'aac-256']],
    ['mp3-256', ['mp3-320', 'mp3-v0', 'mp3-256'], ['aac-256', 'mp3-192']],
    ['mp3-192', ['flac-24', 'aac-256', 'mp3-v2', 'mp3-192'], ['ogg', 'mp3-160', 'mp3-128']],
    ['any', ['flac-24', 'mp3-192', 'opus', 'mp3-128', 'mp3-low'], []],
  ])('%s accepts %j and refuses %j', (choice, yes, no) => {
    for (const t of yes) expect(accepts(choice, t), t).toBe(true);
    for (const t of no) expect(accepts(choice, t), t).toBe(false);
  });

  it('always prefers lossless: the ladder starts with FLAC', () => {
    for (const c of MIN_QUALITY_CHOICES) expect(qualityPolicy(c).qualityLadder.slice(0, 2)).toEqual(['flac-24', 'flac-16']);
  });
});

it('offers the same choices as the contract (Settings and the Search page)', async () => {
  const { searchMinQuality } = await import('../../../shared/contract');
  expect([...searchMinQuality.options].sort()).toEqual([...MIN_QUALITY_CHOICES].sort());
});
