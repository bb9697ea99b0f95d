// Which file (or folder) the artist modal is open for, if any. UI state only: the lists come from the host.
import { create } from 'zustand';
import type { MatchFile, PeerFileDto } from '../../../shared/contract';

/** What a pick starts: filing a finished download, or downloading a Soulseek file or folder matched. */
export type MatchTarget =
  | { kind: 'finished'; queueItemId: number; file: MatchFile; label: string }
  | { kind: 'peer'; file: PeerFileDto; label: string; plainDownload?: () => Promise<string> }
  | { kind: 'album'; files: PeerFileDto[]; label: string; plainDownload?: () => Promise<string> };

interface MatchedTargetState {
  target: MatchTarget | null;
  open(target: MatchTarget): void;
  close(): void;
}

export const useMatchedTarget = create<MatchedTargetState>((set) => ({
  target: null,
  open: (target) => set({ target }),
  close: () => set({ target: null }),
}));

/** Opens the artist modal for a target; the one call other pages (Search, Downloads) make. */
export function openMatchedDownload(target: MatchTarget): void {
  useMatchedTarget.getState().open(target);
}

/** The file the suggestions are computed from: a folder's first track stands for the folder. */
export function suggestionFileOf(t: MatchTarget): MatchFile {
  if (t.kind === 'finished') return t.file;
  const f = t.kind === 'peer' ? t.file : t.files[0];
  return { filename: f?.filename ?? t.label, ...(f?.durationMs ? { durationMs: f.durationMs } : {}) };
}
