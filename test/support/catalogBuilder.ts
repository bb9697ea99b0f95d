// Builders for catalog fixtures: albums of tracks with predictable names.
import type { CatalogStore } from '../../src/main/catalog';

export interface SeededTrack {
  id: number;
  title: string;
  artist: string;
  album: string;
}

export function seedAlbums(catalog: CatalogStore, albums: number, tracksPerAlbum: number, opts: { source?: string } = {}): SeededTrack[] {
  const out: SeededTrack[] = [];
  for (let a = 1; a <= albums; a++) {
    const artist = `Artist ${Math.ceil(a / 2)}`;
    const album = `Album ${a}`;
    const albumId = catalog.upsertAlbum({ title: album, artist: { name: artist }, trackCount: tracksPerAlbum });
    for (let t = 1; t <= tracksPerAlbum; t++) {
      const title = `Song ${a}-${t}`;
      const id = catalog.upsertTrack({ title, artist: { name: artist }, albumId, trackNumber: t, durationSec: 3, source: opts.source });
      out.push({ id, title, artist, album });
    }
  }
  return out;
}
