// One comparable key per backed-up item: the provider identity when there is one, else ISRC, else the words.
import type { BackupEntry, BackupTrack } from './format';

export function trackKey(t: BackupTrack): string {
  const id = t.ids[0];
  if (id) return `${id.provider}:${id.id}`;
  if (t.isrc) return `isrc:${t.isrc}`;
  return `text:${t.title}|${t.artists.join(',')}|${t.durationMs ?? ''}`;
}

export function entryKey(e: BackupEntry): string {
  switch (e.kind) {
    case 'track':
      return trackKey(e.track);
    case 'episode':
      return e.episode.ids[0] ? `${e.episode.ids[0].provider}:${e.episode.ids[0].id}` : `episode:${e.episode.title}`;
    case 'local':
      return `local:${e.local.uri ?? e.local.title}`;
    case 'missing':
      return 'missing';
  }
}

export function entryLabel(e: BackupEntry): string {
  switch (e.kind) {
    case 'track':
      return `${e.track.artists.join(', ')} – ${e.track.title}`;
    case 'episode':
      return `${e.episode.show ?? 'Episode'} – ${e.episode.title}`;
    case 'local':
      return `${e.local.artists.join(', ')} – ${e.local.title} (local file)`;
    case 'missing':
      return '(unavailable item)';
  }
}
