// One matched album download of 12 tracks through the real flow (core, queue, slskd source, matched filing)
// against the Spotify and slskd emulators: how many Web API requests it costs, how many of them repeat an earlier
// one, and what the same download costs again (the lookup cache should answer everything).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { closeTagWorker } from '../src/main/library';
import { createSlskdSource } from '../src/main/sources';
import { startSlskdEmulator } from '../test/emulators/slskd';
import { startSpotifyEmulator } from '../test/emulators/spotify';
import { ALBUM_FOLDER, findPeerFiles, matchedPeers, matchedSpotifyWorld } from '../test/support/matchedWorld';
import { signIn } from '../test/support/spotify';
import { FakeClock, openTestCore, tempDir } from '../test/support/testCore';

export interface AlbumRequests {
  albumTracks: number;
  albumRequests: number;
  repeatRequests: number;
  secondRunRequests: number;
  filed: number;
}

export async function measureMatchedAlbum(): Promise<AlbumRequests> {
  const { dir, cleanup } = await tempDir('cassette-bench-matched-');
  const downloadsDir = join(dir, 'slskd-downloads');
  await mkdir(downloadsDir);
  const w = matchedSpotifyWorld();
  const spotify = await startSpotifyEmulator({ world: w.world });
  const apiKey = 'bench-key';
  const slskd = await startSlskdEmulator({ downloadsDir, apiKey, searchDelayMs: 20, tickMs: 10, requestedMs: 10, transferBytesPerSec: 20_000_000, peers: matchedPeers() });
  const clock = new FakeClock();
  clock.now = () => Date.now();
  const core = openTestCore(dir, {
    runQueue: true,
    transferDir: join(dir, 'Transfer'),
    env: { SPOTIFY_CLIENT_ID: spotify.clientId, SPOTIFY_ACCOUNTS_BASE: spotify.accountsBase, SPOTIFY_API_BASE: spotify.apiBase },
    sources: { slskd: createSlskdSource({ baseUrl: slskd.url, apiKey, downloadsDir, pollMs: 20, searchTimeoutMs: 50, budget: { maxSearches: 100, windowMs: 1_000, minGapMs: 0 } }) },
  }, clock);
  try {
    await signIn(await core.spotify(), spotify, 'main', 'alice');
    const files = (await findPeerFiles(slskd.url, apiKey, 'discovery')).filter((f) => f.filename.startsWith(ALBUM_FOLDER));
    const artist = { id: w.daft.id, name: w.daft.name };
    const start = spotify.requests.length;
    const items = await core.matched.downloadAlbum(files, artist);
    await core.processor.whenIdle();
    const run = spotify.requests.slice(start);
    const filed = items.filter((i) => core.queue.get(i.id)?.destination_path?.includes('Transfer')).length;
    const again = spotify.requests.length;
    await core.matched.downloadAlbum(files, artist);
    await core.processor.whenIdle();
    return {
      albumTracks: files.length,
      albumRequests: run.length,
      repeatRequests: run.length - new Set(run).size,
      secondRunRequests: spotify.requests.length - again,
      filed,
    };
  } finally {
    await core.close();
    await closeTagWorker();
    await slskd.close();
    await spotify.close();
    await cleanup();
  }
}
