// What a provider gives a backup run. Spotify is the first; the run itself knows no provider.
import type { BackupEntry, BackupTrack, PlaylistAccess } from './format';

export interface SourcePlaylist {
  id: string;
  uri: string | null;
  name: string;
  description: string | null;
  public: boolean | null;
  collaborative: boolean;
  owner: { id: string; displayName: string | null };
  access: PlaylistAccess;
  snapshotId: string | null;
  coverUrl: string | null;
  total: number | null;
}

/** How a failure affects a run: stop it as failed, pause it (resumable), keep a reference (contents not readable), or fail just this item. */
export type FailureKind = 'sign_in' | 'pause' | 'not_readable' | 'item';

export interface BackupSource {
  provider: string;
  account(): Promise<{ userId: string; displayName: string }>;
  /** Cheap change check of the likes: their count and the newest one's time. */
  likesProbe(): Promise<{ total: number; newestAddedAt: string | null }>;
  likes(): Promise<{ addedAt: string; track: BackupTrack }[]>;
  playlists(): Promise<SourcePlaylist[]>;
  playlistItems(id: string): Promise<BackupEntry[]>;
  cover(url: string): Promise<Buffer>;
  /** Web API requests made so far. */
  requests(): number;
  classify(error: unknown): FailureKind;
}
