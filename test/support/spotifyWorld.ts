// Builders for emulated Spotify accounts: a source account with likes, owned, collaborative and followed
// playlists (local files, episodes, null items, an unavailable track, covers), and an empty target account.
import { readFileSync } from 'node:fs';
import { SpotifyWorld, type EmuEntryRef, type EmuTrack } from '../emulators/spotify';

export interface SourceWorld {
  world: SpotifyWorld;
  tracks: EmuTrack[];
  owned: string[];
  collaborative: string;
  followed: string;
}

export function sourceWorld(opts: { likes?: number; playlists?: number; itemsPerPlaylist?: number } = {}): SourceWorld {
  const w = new SpotifyWorld();
  w.addUser({ id: 'alice', displayName: 'Alice' });
  w.addUser({ id: 'alice-new', displayName: 'Alice (new)' });
  w.addUser({ id: 'carol', displayName: 'Carol' });
  const nLikes = opts.likes ?? 120;
  const tracks = Array.from({ length: Math.max(nLikes, 60) }, (_, i) =>
    w.addTrack({ name: `Song ${i}`, artists: [{ id: `ar${String(i % 7).padStart(20, '0')}`, name: `Artist ${i % 7}` }], isrc: `NLX01${String(i).padStart(7, '0')}`, durationMs: 180_000 + i * 1000 }),
  );
  w.like('alice', tracks.slice(0, nLikes).map((t) => t.id));
  const ep = w.addEpisode({ name: 'Episode 1', show: 'A Show' });
  const cover = Buffer.from('\xff\xd8\xff\xe0 fake jpeg bytes', 'latin1');
  const owned: string[] = [];
  const nPlaylists = opts.playlists ?? 3;
  const per = opts.itemsPerPlaylist ?? 70;
  for (let i = 0; i < nPlaylists; i++) {
    const p = w.addPlaylist({ ownerId: 'alice', name: `Playlist ${i}`, description: `About ${i}`, public: i % 2 === 0, cover: i === 0 ? cover : undefined });
    const refs: EmuEntryRef[] = Array.from({ length: per }, (_, k) => ({ kind: 'track', id: tracks[(i * 13 + k) % tracks.length]!.id }));
    if (i === 0) {
      refs.push({ kind: 'track', id: tracks[0]!.id }); // the same track twice, on purpose
      refs.push({ kind: 'local', file: { name: 'Demo Tape', artist: 'Me', album: 'Garage', durationMs: 120_000 } });
      refs.push({ kind: 'episode', id: ep.id });
      refs.push({ kind: 'null' });
    }
    w.append(p.id, refs);
    owned.push(p.id);
  }
  const collab = w.addPlaylist({ ownerId: 'carol', name: 'Road trip', collaborative: true, public: false, collaborators: ['alice'] });
  w.append(collab.id, [{ kind: 'track', id: tracks[1]!.id }]);
  w.append(collab.id, [{ kind: 'track', id: tracks[2]!.id }], 'alice');
  const followed = w.addPlaylist({ ownerId: 'carol', name: 'Carol’s picks' });
  w.append(followed.id, [{ kind: 'track', id: tracks[3]!.id }]);
  w.follow('alice', followed.id);
  return { world: w, tracks, owned, collaborative: collab.id, followed: followed.id };
}

/** The JSON Schema document of the backup format, as published in docs/. */
export function backupSchemaDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('../../docs/backup-format/v1.schema.json', import.meta.url), 'utf8'));
}
