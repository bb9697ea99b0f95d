// A small, believable world for `npm run demo` and end-to-end tests: a catalog with missing tracks, an slskd
// emulator whose peers share them (one peer flaky, one album nobody has), and a ticket-service emulator.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogStore } from '../../src/main/catalog';
import type { SlskdConfigInput } from '../../src/main/sources';
import { behave, flac, mp3, peer, startSlskdEmulator, type SlskdEmulator } from './slskd';
import { startTicketsEmulator, type TicketsEmulator } from './tickets';

export interface DemoAlbum {
  artist: string;
  title: string;
  tracks: string[];
}

export const DEMO_ALBUMS: DemoAlbum[] = [
  { artist: 'Glass Harbour', title: 'Tidal Maps', tracks: ['Harbour Lights', 'Salt Lines', 'Low Water'] },
  { artist: 'Ada Okafor', title: 'Open Weather', tracks: ['Open Weather', 'Northerly', 'Rain Theory'] },
  { artist: 'The Quiet Engines', title: 'Motel Letters', tracks: ['Motel Letters', 'Slow Signal'] },
];

export interface DemoWorld {
  slskd: SlskdEmulator;
  tickets: TicketsEmulator;
  slskdConfig: SlskdConfigInput;
  close(): Promise<void>;
}

export interface DemoWorldOptions {
  /** Length of every track (short for tests, longer for a demo). */
  seconds?: number;
  transferBytesPerSec?: number;
  /** How long a search takes to find its peers (a watched demo waits a little, tests do not). */
  searchDelayMs?: number;
  /** slskd's inactivity timeout for a search (the demo's "nobody has it" takes this long). */
  searchTimeoutMs?: number;
}

/** Starts the emulators. */
export async function startDemoWorld(dir: string, opts: DemoWorldOptions = {}): Promise<DemoWorld> {
  const seconds = opts.seconds ?? 4;
  const downloadsDir = join(dir, 'slskd-downloads');
  await mkdir(downloadsDir, { recursive: true });
  const [a, b, c] = DEMO_ALBUMS as [DemoAlbum, DemoAlbum, DemoAlbum];
  const shared = (album: DemoAlbum, ext: string) =>
    album.tracks.map((t, i) => `@@music\\${album.artist}\\${album.title}\\${String(i + 1).padStart(2, '0')} - ${album.artist} - ${t}.${ext}`);
  const vinyl = peer('vinylhoarder', { uploadSpeed: 4_000_000 });
  for (const p of shared(a, 'flac')) vinyl.file(p, flac(seconds));
  const flaky = peer('flakypeer', { uploadSpeed: 9_000_000 });
  // The best-looking copy of album B is refused, so Cassette fails over to the MP3s.
  for (const p of shared(b, 'flac')) flaky.file(p, flac(seconds, 24), { behaviour: behave.reject('File not shared.') });
  const mp3er = peer('mp3lover', { uploadSpeed: 2_000_000 });
  for (const p of shared(b, 'mp3')) mp3er.file(p, mp3(seconds));
  // Album C is shared as a live recording only: not what was asked for.
  const live = peer('bootlegs');
  for (const [i, t] of c.tracks.entries()) live.file(`@@live\\${c.artist}\\0${i + 1} - ${t} (Live at the Paradiso).mp3`, mp3(seconds));
  const slskd = await startSlskdEmulator({
    downloadsDir, apiKey: 'demo-slskd-key', peers: [vinyl, flaky, mp3er, live], searchDelayMs: opts.searchDelayMs ?? 200,
    transferBytesPerSec: opts.transferBytesPerSec ?? 2_000_000,
  });
  const tickets = await startTicketsEmulator({ defaults: { stepMs: 20 } });
  return {
    slskd,
    tickets,
    slskdConfig: {
      baseUrl: slskd.url, apiKey: 'demo-slskd-key', downloadsDir, pollMs: 100, searchTimeoutMs: opts.searchTimeoutMs ?? 1_000, stallMs: 20_000,
      budget: { maxSearches: 100, windowMs: 60_000, minGapMs: 100 },
    },
    close: async () => {
      await Promise.all([slskd.close(), tickets.close()]);
    },
  };
}

/** Puts the demo albums in the catalog as missing tracks. */
export function seedDemoCatalog(catalog: CatalogStore, seconds = 4): number[] {
  const ids: number[] = [];
  for (const album of DEMO_ALBUMS) {
    const albumId = catalog.upsertAlbum({ title: album.title, artist: { name: album.artist }, trackCount: album.tracks.length });
    album.tracks.forEach((title, i) => {
      ids.push(catalog.upsertTrack({ title, artist: { name: album.artist }, albumId, trackNumber: i + 1, durationSec: seconds }));
    });
  }
  return ids;
}
