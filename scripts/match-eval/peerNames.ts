// File names as Soulseek peers share them, made from a track's facts with the patterns real shares use
// (artist/album folders, "NN - Artist - Title [320]", underscores, scene names, catalogue numbers, format and
// source tags, Windows-sanitised characters). Deterministic for a seed. Used by the evaluation set builder and
// the matching benchmark.

export interface NamedTrack {
  title: string;
  artists: string[];
  album?: string;
  trackNumber?: number;
}

/** mulberry32: a small, seedable generator, so the set is reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export function createPeerNamer(seed: number) {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  /** What a Windows share does to names: reserved characters become "_" or vanish. */
  const fsName = (s: string) => s.replace(/[<>:"/\\|?*]/g, rand() < 0.5 ? '_' : '').replace(/\s+/g, ' ').trim();
  const nn = (n?: number) => String(n ?? 1).padStart(2, '0');
  const users = ['@@music', 'Music', 'Shared', 'D:\\Audio', 'mp3', 'Downloads\\complete', 'FLAC', 'Soulseek Shared'];

  /** One of the naming patterns seen in real Soulseek shares. */
  function peerPath(t: NamedTrack, titleOverride?: string, artistOverride?: string): string {
    const artist = fsName(artistOverride ?? t.artists.join(rand() < 0.5 ? ', ' : ' & '));
    const main = fsName(artistOverride ?? t.artists[0] ?? '');
    const title = fsName(titleOverride ?? t.title);
    const album = fsName(t.album ?? 'Singles');
    const year = 2000 + Math.floor(rand() * 25);
    const u = pick(users);
    const patterns = [
      () => `${u}\\${main}\\${album}\\${nn(t.trackNumber)} - ${title}.flac`,
      () => `${u}\\${main} - ${album} (${year}) [FLAC]\\${nn(t.trackNumber)}. ${title}.flac`,
      () => `${u}\\${main} - ${album}\\${nn(t.trackNumber)} ${artist} - ${title}.mp3`,
      () => `${u}\\${nn(t.trackNumber)} - ${artist} - ${title} [320].mp3`,
      () => `${u}\\${`${artist} - ${title}`.toLowerCase().replace(/ /g, '_').replace(/_-_/g, '_-_')}.mp3`,
      () => `${u}\\${main}\\${artist} - ${title}.mp3`,
      () => `${u}\\${nn(t.trackNumber)}-${main.toLowerCase().replace(/ /g, '_')}-${title.toLowerCase().replace(/ /g, '_')}-${pick(['wus', 'dh', 'ktr', 'gti'])}.mp3`,
      () => `${u}\\${main}\\${year} - ${album} [WEB FLAC 24-96]\\1-${nn(t.trackNumber)} ${title}.flac`,
      () => `${u}\\${artist} - ${title} (Official Audio).mp3`,
      () => `${u}\\VA\\${album}\\${nn(t.trackNumber)} - ${artist} - ${title}.flac`,
      () => `${u}\\${main}\\${album} [${pick(['CAT', 'WARP', 'XL'])}${100 + Math.floor(rand() * 800)}]\\${nn(t.trackNumber)} ${title}.m4a`,
      () => `${u}/${main}/${album}/${nn(t.trackNumber)} - ${title}.ogg`,
    ];
    return pick(patterns)();
  }


  return { rand, pick, peerPath, users };
}
