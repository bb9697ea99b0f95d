// The Downloads page's search text and source filter (UI state; kept while you visit other pages).
import { create } from 'zustand';
import type { QueueSource } from './queueCache';

interface DownloadsFilterState {
  search: string;
  source: QueueSource | null;
  setSearch(search: string): void;
  setSource(source: QueueSource | null): void;
  clear(): void;
}

export const useDownloadsFilterStore = create<DownloadsFilterState>((set) => ({
  search: '',
  source: null,
  setSearch: (search) => set({ search }),
  setSource: (source) => set({ source }),
  clear: () => set({ search: '', source: null }),
}));
