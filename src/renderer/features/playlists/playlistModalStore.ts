// UI state: which playlist's dashboard modal is open (the bubble and the page open it), and the bubbles the
// person dismissed (kept in localStorage, so a reload does not bring them back).
import { create } from 'zustand';

export interface OpenPlaylist {
  ref: string;
  name: string;
}

const DISMISSED = 'cassette.playlistBubbles.dismissed';
const readDismissed = (): number[] => {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(DISMISSED) ?? '[]');
    return Array.isArray(v) ? v.filter((n): n is number => Number.isInteger(n)).slice(-50) : [];
  } catch {
    return [];
  }
};

interface PlaylistModalState {
  open: OpenPlaylist | null;
  dismissed: number[];
  show(p: OpenPlaylist): void;
  close(): void;
  dismiss(runId: number): void;
}

export const usePlaylistModal = create<PlaylistModalState>((set, get) => ({
  open: null,
  dismissed: readDismissed(),
  show: (p) => set({ open: p }),
  close: () => set({ open: null }),
  dismiss: (runId) => {
    const dismissed = [...get().dismissed.filter((n) => n !== runId), runId].slice(-50);
    try {
      localStorage.setItem(DISMISSED, JSON.stringify(dismissed));
    } catch {
      // Private mode or full storage: the bubble stays dismissed until the reload.
    }
    set({ dismissed });
  },
}));
