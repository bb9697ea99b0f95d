// A believable collection for screenshots and demos: downloaded albums, a long queue, a few running, failed,
// waiting and finished downloads. Names are invented.
import type { Core } from '../../src/main/core';
import {
  seedActiveDownload, seedDownloadedTracks, seedFailedDownload, seedFinishedDownload, seedRetryWaiting,
} from './seed';

const ARTISTS = [
  'Marisol Vega', 'The Velvet Hours', 'Northern Static', 'Ada Okafor', 'Glass Harbour', 'Lumen Drive', 'Kofi & The Tides',
  'Sofia Lindqvist', 'Paper Satellites', 'Rue Belmont', 'The Quiet Engines', 'Hana Morita',
];
const WORDS_A = ['Midnight', 'Golden', 'Paper', 'Silver', 'Quiet', 'Electric', 'Slow', 'Northern', 'Hollow', 'Velvet', 'Last', 'Open'];
const WORDS_B = ['Rivers', 'Signals', 'Summer', 'Motel', 'Letters', 'Lights', 'Harbour', 'Static', 'Garden', 'Avenue', 'Weather', 'Hearts'];

export function demoTitle(i: number): string {
  return `${WORDS_A[i % WORDS_A.length]} ${WORDS_B[Math.floor(i / WORDS_A.length) % WORDS_B.length]}${i >= 144 ? ` (Take ${Math.floor(i / 144) + 1})` : ''}`;
}

export async function seedDemoCatalog(core: Core, dir: string, o: { queued?: number } = {}): Promise<void> {
  await seedDownloadedTracks(core, dir, 36, { artists: 6 });
  core.db.transaction(() => {
    const queued = o.queued ?? 10_000;
    for (let i = 0; i < queued; i++) {
      const artist = ARTISTS[i % ARTISTS.length]!;
      const albumId = core.catalog.upsertAlbum({ title: `${WORDS_A[(i >> 3) % 12]} ${WORDS_B[(i >> 5) % 12]}`, artist: { name: artist } });
      const id = core.catalog.upsertTrack({ title: demoTitle(i), artist: { name: artist }, albumId, trackNumber: (i % 12) + 1 });
      core.queue.enqueueTrack({
        trackId: id, source: i % 7 === 0 ? 'qobuz' : 'slskd', priority: i < 3 ? 2 : 4, requestSource: 'reconcile', requestedBy: 'system',
      });
    }
  })();
  seedActiveDownload(core, { title: 'Harbour Lights', artist: 'Glass Harbour', bytes: 21_400_000, total: 33_900_000, detail: 'From peer vinylhoarder · 2 in their queue' });
  seedActiveDownload(core, { title: 'Open Weather', artist: 'Ada Okafor', bytes: 4_100_000, total: 41_000_000, source: 'qobuz', detail: 'FLAC 24-bit / 96 kHz' });
  seedActiveDownload(core, { title: 'Motel Letters (Live at the Paradiso, Amsterdam, 14 November 1998 — Remastered)', artist: 'The Quiet Engines', bytes: 0, total: 0, detail: 'Waiting for the peer to start the transfer' });
  seedFailedDownload(core, {
    title: 'Silver Signals', artist: 'Northern Static', message: 'No peer shares this track in an accepted format (MP3 ≥ 256 kbps or lossless)',
    tried: ['slskd: dj_moss — Music/Northern Static/Silver Signals.mp3 (128 kbps, rejected: bitrate)', 'slskd: waveform — Incoming/silver_signals.flac (failed validation: duration 0:41 of 3:58)', 'slskd: archivist — Northern Static - Silver Signals.m4a (peer offline)'],
  });
  seedFailedDownload(core, { title: 'Paper Garden', artist: 'Hana Morita', message: 'Not found on any source', tried: [] });
  seedRetryWaiting(core, { title: 'Slow Avenue', artist: 'Rue Belmont', message: 'The peer stopped responding after 30 s', tried: ['slskd: nightowl — Rue Belmont/Slow Avenue.flac'] });
  await seedFinishedDownload(core, dir, { title: 'Golden Summer', artist: 'Marisol Vega' });
  await seedFinishedDownload(core, dir, { title: 'Electric Rivers', artist: 'Lumen Drive' });
  const cancelled = core.catalog.upsertTrack({ title: 'Hollow Hearts', artist: { name: 'Paper Satellites' } });
  const { item } = core.queue.enqueueTrack({ trackId: cancelled, source: 'tickets', priority: 3 });
  core.queue.cancel(item.id);
  core.events.catalogChanged();
}
