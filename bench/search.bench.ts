// `npm run bench:search`: ranking one Soulseek search the size slskd is asked for at most (100 responses, 10,000
// files: fileLimit) — grouping, path checks and one matching-engine score per file — as the Search page's core
// does it when a search completes. Prints JSON: files, albums, singles, total ms, ms per 1,000 files, and the
// longest stretch the host was not answering (a response is scored between yields).
import { setImmediate as yieldToHost } from 'node:timers/promises';
import { SearchRanker } from '../src/main/flows/peerSearch';
import type { SlskdSearchFile, SlskdSearchResponse } from '../src/main/sources';

const RESPONSES = 100;
const FILES_PER_RESPONSE = 100;
const artists = ['Glass Harbour', 'Nina Vale', 'Ada Okafor', 'Marisol Vega', 'The Long Weekends', 'Kōji Tanaka', 'Бюро'];

function response(u: number): SlskdSearchResponse {
  const files: SlskdSearchFile[] = [];
  for (let i = 0; i < FILES_PER_RESPONSE; i++) {
    const artist = artists[(u + i) % artists.length]!;
    const album = `Album ${u % 13} (${2000 + (u % 20)}) [${u % 2 ? 'FLAC' : 'MP3 320'}]`;
    const flac = u % 2 === 1;
    const path = i % 10 === 9
      ? `Music\\Singles\\${artist} - Song ${u}-${i}${i % 3 ? '' : ' (Live)'}.mp3`
      : `@@share\\${artist}\\${artist} - ${album}\\${String((i % 12) + 1).padStart(2, '0')} - Harbour Song ${i} ${u}.${flac ? 'flac' : 'mp3'}`;
    files.push({
      filename: path, size: flac ? 30_000_000 : 9_000_000, extension: undefined, bitRate: flac ? undefined : 320,
      bitDepth: flac ? 16 : undefined, sampleRate: flac ? 44_100 : undefined, length: 200 + i, isVariableBitRate: undefined, isLocked: undefined,
    });
  }
  return { username: `peer${u}`, hasFreeUploadSlot: u % 3 !== 0, queueLength: u % 5, uploadSpeed: 100_000 * (u + 1), fileCount: files.length, files, lockedFileCount: 0, lockedFiles: [] };
}

const responses = Array.from({ length: RESPONSES }, (_, u) => response(u));
const started = performance.now();
let longestBlockMs = 0;
const ranker = new SearchRanker('glass harbour harbour song');
for (const r of responses) {
  await yieldToHost();
  const t = performance.now();
  ranker.add(r);
  longestBlockMs = Math.max(longestBlockMs, performance.now() - t);
}
const results = ranker.finish();
const totalMs = performance.now() - started;
const files = RESPONSES * FILES_PER_RESPONSE;
console.log(JSON.stringify({
  files,
  albums: results.albums.length,
  singles: results.singles.length,
  totalMs: Math.round(totalMs),
  msPer1000Files: Math.round((totalMs / files) * 1000 * 10) / 10,
  longestBlockMs: Math.round(longestBlockMs * 10) / 10,
}));
