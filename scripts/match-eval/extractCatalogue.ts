// One-off: copies the track facts (title, artists, album, duration, track number) out of captured real API
// responses into test/fixtures/match-eval/catalogue.json, each with the file it came from. Run as
//   tsx scripts/match-eval/extractCatalogue.ts <fixtures/real dir>
// where the directory holds spotify/, qobuz/ and plex/ as described in test/fixtures/match-eval/README.md.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CatalogueTrack {
  id: string;
  title: string;
  artists: string[];
  album?: string;
  durationMs?: number;
  trackNumber?: number;
  source: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObj = (v: Json | undefined): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: Json | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

function spotifyTracks(node: Json, source: string, out: Map<string, CatalogueTrack>, album?: string): void {
  if (Array.isArray(node)) {
    for (const n of node) spotifyTracks(n, source, out, album);
    return;
  }
  if (!isObj(node)) return;
  const albumHere = node.type === 'album' ? (str(node.name) ?? album) : album;
  if (node.type === 'track' && str(node.name) && Array.isArray(node.artists)) {
    const id = `spotify:${str(node.id) ?? str(node.name)}`;
    const a = isObj(node.album) ? str(node.album.name) : albumHere;
    if (!out.has(id)) {
      out.set(id, {
        id,
        title: str(node.name) ?? '',
        artists: node.artists.filter(isObj).map((x) => str(x.name) ?? '').filter(Boolean),
        ...(a ? { album: a } : {}),
        ...(num(node.duration_ms) ? { durationMs: num(node.duration_ms) } : {}),
        ...(num(node.track_number) ? { trackNumber: num(node.track_number) } : {}),
        source,
      });
    }
  }
  for (const v of Object.values(node)) spotifyTracks(v, source, out, albumHere);
}

function qobuzTracks(node: Json, source: string, out: Map<string, CatalogueTrack>): void {
  if (!isObj(node)) return;
  const items = isObj(node.tracks) && Array.isArray(node.tracks.items) ? node.tracks.items : [];
  const albumTitle = str(node.title);
  const tracks = [...items, ...(str(node.title) && isObj(node.performer) ? [node] : [])];
  for (const t of tracks.filter(isObj)) {
    const title = [str(t.title), str(t.version)].filter(Boolean).join(' ');
    const performer = isObj(t.performer) ? str(t.performer.name) : undefined;
    const album = isObj(t.album) ? str(t.album.title) : albumTitle;
    const id = `qobuz:${num(t.id) ?? title}`;
    if (!title || !performer || out.has(id)) continue;
    out.set(id, {
      id,
      title,
      artists: [performer],
      ...(album ? { album } : {}),
      ...(num(t.duration) ? { durationMs: (num(t.duration) ?? 0) * 1000 } : {}),
      ...(num(t.track_number) ? { trackNumber: num(t.track_number) } : {}),
      source,
    });
  }
}

function plexTracks(node: Json, source: string, out: Map<string, CatalogueTrack>): void {
  const items = isObj(node) && isObj(node.MediaContainer) && Array.isArray(node.MediaContainer.Metadata) ? node.MediaContainer.Metadata : [];
  for (const t of items.filter(isObj)) {
    const title = str(t.title);
    const artist = str(t.originalTitle) ?? str(t.grandparentTitle);
    if (t.type !== 'track' || !title || !artist) continue;
    const album = str(t.parentTitle);
    // The captured library holds short test files: their durations are not the recordings' and are left out.
    out.set(`plex:${str(t.ratingKey) ?? title}`, {
      id: `plex:${str(t.ratingKey) ?? title}`,
      title,
      artists: [artist],
      ...(album ? { album } : {}),
      ...(num(t.index) ? { trackNumber: num(t.index) } : {}),
      source,
    });
  }
}

function main(dir: string): void {
  const out = new Map<string, CatalogueTrack>();
  for (const f of readdirSync(join(dir, 'spotify')).sort()) {
    spotifyTracks(JSON.parse(readFileSync(join(dir, 'spotify', f), 'utf8')) as Json, `spotify/${f}`, out);
  }
  for (const f of readdirSync(join(dir, 'qobuz')).sort()) {
    qobuzTracks(JSON.parse(readFileSync(join(dir, 'qobuz', f), 'utf8')) as Json, `qobuz/${f}`, out);
  }
  plexTracks(JSON.parse(readFileSync(join(dir, 'plex', 'music_tracks.json'), 'utf8')) as Json, 'plex/music_tracks.json', out);
  const tracks = [...out.values()].filter((t) => t.artists.length > 0 && t.title.trim());
  writeFileSync('test/fixtures/match-eval/catalogue.json', `${JSON.stringify(tracks, null, 1)}\n`);
  process.stdout.write(`${tracks.length} tracks\n`);
}

main(process.argv[2] ?? 'fixtures/real');
