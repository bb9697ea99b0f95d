// Builds the labelled evaluation pairs (test/fixtures/match-eval/pairs.jsonl) from the committed catalogue
// facts (catalogue.json, nonlatin.json, covers.json). Deterministic: a seeded generator picks the naming
// pattern per track, so the same inputs always give the same file. Run: tsx scripts/match-eval/buildPairs.ts
//
// `b` is always the catalogue track asked for; `a` is what is offered — a peer's file path (named with the
// patterns real Soulseek shares use) or another service's listing of a track. Negatives are real other
// tracks wherever the catalogue has them (another song by the same artist, the same song in another
// recorded version, another concert), plus file names of versions peers really share (live, acoustic,
// remix, karaoke, acapella, sped-up) and covers credited to real artists.
import { readFileSync, writeFileSync } from 'node:fs';
import { compactKey, isDifferentRecording, parseTitle } from '../../src/main/matching';
import { createPeerNamer } from './peerNames';

export interface EvalTrack {
  title: string;
  artists: string[];
  album?: string;
  durationMs?: number;
  trackNumber?: number;
}
export interface EvalPair {
  id: string;
  kind: string;
  label: boolean;
  split: 'tune' | 'test';
  a: EvalTrack | { filename: string; durationMs?: number };
  b: EvalTrack;
}
interface CatalogueTrack extends EvalTrack {
  id: string;
  source: string;
}
interface Cover {
  title: string;
  original: string;
  other: string;
  relation: string;
}

const DIR = 'test/fixtures/match-eval';
const read = <T>(f: string): T => JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as T;
const { rand, pick, peerPath, users } = createPeerNamer(20261201);

/** FNV-1a of the catalogue id: pairs about one track always land in the same half. */
function splitOf(id: string): 'tune' | 'test' {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h % 2 === 0 ? 'tune' : 'test';
}

/** The peer's announced length: usually within 2 s of the catalogue's, sometimes not announced at all. */
function peerLength(t: EvalTrack, extraMs = 0): number | undefined {
  if (t.durationMs === undefined || rand() < 0.15) return undefined;
  return t.durationMs + extraMs + Math.round((rand() - 0.3) * 2500);
}

function file(t: EvalTrack, title?: string, artist?: string, extraMs = 0): EvalPair['a'] {
  const durationMs = peerLength(t, extraMs);
  return durationMs === undefined ? { filename: peerPath(t, title, artist) } : { filename: peerPath(t, title, artist), durationMs };
}

const strip = ({ id: _id, source: _s, ...t }: CatalogueTrack): EvalTrack => t;
const baseKey = (t: EvalTrack) => compactKey(parseTitle(t.title).base);
const versionOf = (t: EvalTrack) => parseTitle(t.title).version.kind;

const pairs: EvalPair[] = [];
let n = 0;
function add(kind: string, label: boolean, a: EvalPair['a'], b: CatalogueTrack): void {
  pairs.push({ id: `p${String(++n).padStart(4, '0')}`, kind, label, split: splitOf(b.id), a, b: strip(b) });
}

const catalogue = read<CatalogueTrack[]>('catalogue.json');
const nonLatin = read<CatalogueTrack[]>('nonlatin.json');
const covers = read<Cover[]>('covers.json');
const byArtist = new Map<string, CatalogueTrack[]>();
for (const t of catalogue) {
  const k = compactKey(t.artists[0] ?? '');
  byArtist.set(k, [...(byArtist.get(k) ?? []), t]);
}
const artistPool = [...new Set(catalogue.map((t) => t.artists[0] ?? ''))].filter(Boolean).sort();

for (const t of catalogue) {
  // Positive: the track as a peer names it.
  add('file', true, file(t), t);

  const same = (byArtist.get(compactKey(t.artists[0] ?? '')) ?? []).filter((o) => o.id !== t.id);
  // Real negatives: the same song in another recorded version (live/remix/acoustic/karaoke/another concert).
  // Only versions that are other recordings: a remaster or radio edit of the same take would be a true match.
  const otherVersion = same.find((o) => {
    if (baseKey(o) !== baseKey(t) || compactKey(o.title) === compactKey(t.title)) return false;
    const vo = parseTitle(o.title).version;
    const vt = parseTitle(t.title).version;
    return (isDifferentRecording(vo.kind) || isDifferentRecording(vt.kind)) && compactKey(vo.text) !== compactKey(vt.text);
  });
  if (otherVersion) {
    add('file-other-version', false, file(otherVersion), t);
    if (rand() < 0.5) add('track-other-version', false, strip(otherVersion), t);
  }
  const anotherConcert = same.find(
    (o) => baseKey(o) === baseKey(t) && o.title !== t.title && versionOf(o) === 'live' && versionOf(t) === 'live',
  );
  if (anotherConcert) add('track-another-concert', false, strip(anotherConcert), t);
  // Real negative: another song by the same artist.
  const others = same.filter((o) => baseKey(o) !== baseKey(t));
  if (others.length > 0 && rand() < 0.6) add('file-same-artist-other-song', false, file(pick(others)), t);

  const r = rand();
  const v = versionOf(t);
  if (v === null && r < 0.35) {
    // A version peers share that was not asked for.
    const tag = pick([
      ' (Live)', ' - Live at Wembley', ' (Acoustic)', ' (Instrumental)', ' (Karaoke Version)', ' (Acapella)',
      ' (Sped Up)', ' (Extended Mix)', ` (${pick(artistPool)} Remix)`, ' (Demo)', ' - Slowed + Reverb',
    ]);
    const longer = tag.includes('Extended') ? 90_000 : tag.includes('Live') ? 25_000 : 0;
    add(`file-unasked-${tag.replace(/[^a-z]/gi, '').toLowerCase().slice(0, 12)}`, false, file(t, t.title + tag, undefined, longer), t);
  } else if (r < 0.5) {
    // A cover credited to another real artist.
    const other = pick(artistPool.filter((a) => compactKey(a) !== compactKey(t.artists[0] ?? '')));
    add('file-cover-other-artist', false, file(t, undefined, other), t);
  } else if (r < 0.62 && v === null) {
    // The remaster and the deluxe edition of the same recording.
    add('file-remaster', true, file({ ...t, album: `${t.album ?? 'Singles'} (Deluxe Edition)` }, `${t.title} - ${2005 + Math.floor(rand() * 18)} Remaster`), t);
  } else if (r < 0.8) {
    // Another service's listing (a playlist entry): credits in one string, feat. moved, case and edition noise.
    const feat = t.artists.slice(1);
    const moved = feat.length > 0 && rand() < 0.6;
    const title = moved && !/feat/i.test(t.title) ? `${t.title} (feat. ${feat.join(' & ')})` : t.title;
    const entry: EvalTrack = {
      title: rand() < 0.3 ? title.toUpperCase() : title,
      artists: moved ? [t.artists[0] ?? ''] : [t.artists.join(rand() < 0.5 ? ', ' : ' & ')],
      ...(t.album ? { album: rand() < 0.4 ? `${t.album} (Expanded Edition)` : t.album } : {}),
      ...(t.durationMs !== undefined ? { durationMs: t.durationMs + Math.round((rand() - 0.5) * 3000) } : {}),
    };
    add('playlist-entry', true, entry, t);
  }
}

// Non-Latin scripts: Cyrillic files in the original script and in a common Latin spelling, CJK as written.
const LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
/** A Latin spelling as peers write it (х → h, й → y, ё → yo): not the engine's own scheme. */
const latinise = (s: string) =>
  [...s].map((ch) => {
    const lower = ch.toLowerCase();
    const l = LATIN[lower];
    if (l === undefined) return ch;
    return ch === lower ? l : l.charAt(0).toUpperCase() + l.slice(1);
  }).join('');
for (const t of nonLatin) {
  add('nonlatin-file', true, file(t), t);
  if (/[\u0400-\u04ff]/.test(t.title + t.artists.join(''))) {
    add('nonlatin-latinised-file', true, { filename: `${pick(users)}\\${latinise(t.artists[0] ?? '')} - ${latinise(t.title)}.mp3` }, t);
  }
  const sameArtist = nonLatin.filter((o) => o.id !== t.id && compactKey(o.artists[0] ?? '') === compactKey(t.artists[0] ?? ''));
  const other = sameArtist[0] ?? nonLatin.find((o) => o.id !== t.id && baseKey(o) !== baseKey(t) && rand() < 0.1);
  if (other) add('nonlatin-other-song', false, file(other), t);
  const sameTitle = nonLatin.find((o) => o.id !== t.id && baseKey(o) === baseKey(t));
  if (sameTitle) add('nonlatin-same-title-other-artist', false, file(sameTitle), t);
}

// Well-known covers and same-titled songs, both ways round, as listings and as files.
covers.forEach((c, i) => {
  const original: CatalogueTrack = { id: `cover:${i}:o`, title: c.title, artists: [c.original], source: 'covers.json' };
  const other: CatalogueTrack = { id: `cover:${i}:x`, title: c.title, artists: [c.other], source: 'covers.json' };
  add(`curated-${c.relation === 'cover' ? 'cover' : 'same-title'}`, false, strip(other), original);
  add(`curated-${c.relation === 'cover' ? 'cover' : 'same-title'}-file`, false, file(original), other);
  add('curated-original-file', true, file(original), original);
});

writeFileSync(`${DIR}/pairs.jsonl`, pairs.map((p) => JSON.stringify(p)).join('\n') + '\n');
const count = (f: (p: EvalPair) => boolean) => pairs.filter(f).length;
process.stdout.write(
  `${JSON.stringify({ pairs: pairs.length, positives: count((p) => p.label), negatives: count((p) => !p.label), tune: count((p) => p.split === 'tune'), test: count((p) => p.split === 'test') })}\n`,
);
