// The hook point for Matched Download: the Search page's Matched Download buttons call whatever handler is
// registered here (the matched-download modal registers itself when it mounts). With none registered the buttons
// show as not available yet. Wiring the modal in is one call: `useMatchedDownloadSlot.getState().register(open)`.
import { create } from 'zustand';
import type { SearchFileDto } from '../../../shared/contract';

export interface MatchedDownloadRequest {
  /** One file (a single or an album's track) or a whole album folder. */
  kind: 'file' | 'album';
  /** The search the files came from (search.download takes it). */
  searchId: string;
  username: string;
  files: SearchFileDto[];
  /** The album as the folder names it, for `album`. */
  album?: { artist: string | null; album: string; year: number | null };
}

export type MatchedDownloadHandler = (request: MatchedDownloadRequest) => void;

interface MatchedDownloadSlot {
  handler: MatchedDownloadHandler | null;
  /** Registers the handler; returns the function that unregisters it. */
  register(handler: MatchedDownloadHandler): () => void;
}

export const useMatchedDownloadSlot = create<MatchedDownloadSlot>((set, get) => ({
  handler: null,
  register: (handler) => {
    set({ handler });
    return () => {
      if (get().handler === handler) set({ handler: null });
    };
  },
}));
