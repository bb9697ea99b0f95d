// What the Search page shows, kept while the person visits other pages: the query, the search running or done,
// the filters, the list on screen, which albums are open, and the files already queued from it.
import { create } from 'zustand';
import type { SearchFiltersInput } from './searchQueries';

export type SearchView = 'albums' | 'singles';

interface SearchPageState {
  query: string;
  searchId: string | null;
  filters: Required<Pick<SearchFiltersInput, 'minQuality'>> & { formats: NonNullable<SearchFiltersInput['formats']> };
  view: SearchView;
  expanded: ReadonlySet<string>;
  /** `username\0filename` of files queued from this search. */
  queued: ReadonlySet<string>;
  setQuery(query: string): void;
  started(searchId: string): void;
  setFilters(filters: Partial<SearchPageState['filters']>): void;
  setView(view: SearchView): void;
  toggle(albumId: string): void;
  markQueued(keys: readonly string[]): void;
}

export const fileKey = (username: string, filename: string): string => `${username}\u0000${filename}`;

export const useSearchPage = create<SearchPageState>((set) => ({
  query: '',
  searchId: null,
  filters: { minQuality: 'any', formats: [] },
  view: 'albums',
  expanded: new Set(),
  queued: new Set(),
  setQuery: (query) => set({ query }),
  started: (searchId) => set({ searchId, expanded: new Set(), queued: new Set() }),
  setFilters: (filters) => set((s) => ({ filters: { ...s.filters, ...filters } })),
  setView: (view) => set({ view }),
  toggle: (albumId) =>
    set((s) => {
      const expanded = new Set(s.expanded);
      if (expanded.has(albumId)) expanded.delete(albumId);
      else expanded.add(albumId);
      return { expanded };
    }),
  markQueued: (keys) => set((s) => ({ queued: new Set([...s.queued, ...keys]) })),
}));
