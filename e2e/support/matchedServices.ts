// The services a Matched Download browser test talks to: the slskd emulator sharing the matched world's peer
// files (test/support/matchedWorld.ts) into a temporary downloads folder, and the Spotify emulator with its
// catalogue. One Playwright fixture, `services`, started and closed per test.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSlskdEmulator, type SlskdEmulator } from '../../test/emulators/slskd';
import { startSpotifyEmulator, type SpotifyEmulator } from '../../test/emulators/spotify';
import { matchedPeers, matchedSpotifyWorld } from '../../test/support/matchedWorld';
import { test as cassetteTest } from './fixtures';

export interface MatchedServices {
  slskd: SlskdEmulator;
  spotify: SpotifyEmulator;
  downloadsDir: string;
}

export interface MatchedServicesOptions {
  apiKey: string;
  searchDelayMs: number;
  transferBytesPerSec: number;
}

export function matchedServicesTest(o: MatchedServicesOptions) {
  return cassetteTest.extend<{ services: MatchedServices }>({
    services: async ({}, use) => {
      const root = await mkdtemp(join(tmpdir(), 'cassette-e2e-matched-'));
      const downloadsDir = join(root, 'slskd-downloads');
      await mkdir(downloadsDir, { recursive: true });
      const slskd = await startSlskdEmulator({ downloadsDir, apiKey: o.apiKey, peers: matchedPeers(), searchDelayMs: o.searchDelayMs, transferBytesPerSec: o.transferBytesPerSec });
      const spotify = await startSpotifyEmulator({ world: matchedSpotifyWorld().world });
      try {
        await use({ slskd, spotify, downloadsDir });
      } finally {
        await slskd.close();
        await spotify.close();
        await rm(root, { recursive: true, force: true });
      }
    },
  });
}
