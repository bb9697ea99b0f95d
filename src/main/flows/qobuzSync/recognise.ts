// Recognises files already in the sync folder (an earlier run whose catalog was lost, or another tool) so they
// are adopted instead of downloaded twice: a file at the planned path that is audio of the right length, or a
// file elsewhere whose tags name the track — QOBUZ_TRACK_ID, else ISRC, else title + artist + album as the
// matching engine judges them (spelling, feat. credits and edition noise do not hide a file; another
// version — live, remix — is never taken for the track).
import pLimit from 'p-limit';
import { durationToleranceSec, readAudioMetadata, titleWithVersion } from '../../library';
import { MatchIndex, type MatchTrack } from '../../matching';
import { albumDisplayTitle, type PlanEntry } from './plan';

export type RecogniseHow = 'path' | 'qobuz_id' | 'isrc' | 'tags';

/** What a quick header read of an audio file tells (no full decode). */
export interface AudioProbe {
  durationSec?: number;
  qobuzTrackId?: string;
  isrc?: string;
  title?: string;
  artist?: string;
  albumArtist?: string;
  album?: string;
}

/** Header and tags of an audio file; undefined when it is not readable audio. */
export async function probeAudioFile(path: string): Promise<AudioProbe | undefined> {
  try {
    const meta = await readAudioMetadata(path, { duration: false, skipCovers: true });
    if (!meta.format.container || !meta.format.codec) return undefined;
    const c = meta.common;
    let qobuzTrackId: string | undefined;
    for (const tags of Object.values(meta.native)) {
      for (const { id, value } of tags) {
        if (id.slice(id.lastIndexOf(':') + 1).toUpperCase() === 'QOBUZ_TRACK_ID') qobuzTrackId ??= nativeText(value);
      }
    }
    return definedOnly({
      durationSec: meta.format.duration,
      qobuzTrackId: qobuzTrackId?.trim(),
      isrc: c.isrc?.[0]?.trim().toUpperCase(),
      title: c.title,
      artist: c.artist,
      albumArtist: c.albumartist,
      album: c.album,
    });
  } catch {
    return undefined;
  }
}

function lengthFits(probe: AudioProbe, entry: PlanEntry): boolean {
  const want = entry.track.durationSec;
  if (!want || probe.durationSec === undefined) return true;
  return Math.abs(probe.durationSec - want) <= durationToleranceSec(want);
}

/** Is the audio at the planned path this track? Right length, and no Qobuz id naming another track. */
export function probeFitsEntry(probe: AudioProbe, entry: PlanEntry): boolean {
  if (probe.qobuzTrackId && probe.qobuzTrackId !== String(entry.track.qobuzId)) return false;
  return lengthFits(probe, entry);
}

/**
 * The album penalty (0–1) the engine may report for a file recognised by its tags: the same song on another
 * album (a compilation, a single) is another file, not this album's track, so the album must agree once
 * edition noise ("Deluxe", "Remastered") is set aside; 0.25 leaves room for spelling only.
 */
const MAX_ALBUM_DIFFERENCE = 0.25;

function probeTrack(p: AudioProbe & { title: string; album: string }): MatchTrack {
  const artists = [...new Set([p.artist, p.albumArtist].filter((a): a is string => !!a))];
  const track: MatchTrack = { title: p.title, artists, album: p.album };
  if (p.durationSec !== undefined) track.durationSec = p.durationSec;
  return track;
}

/** Files found in the folder, indexed by what their tags say; each file can be claimed once. */
export class TagIndex {
  private readonly byQobuzId = new Map<string, string[]>();
  private readonly byIsrc = new Map<string, string[]>();
  private readonly byTags = new MatchIndex<string>();
  private readonly probes = new Map<string, AudioProbe>();
  private readonly claimed = new Set<string>();

  static async build(files: string[], probe: (path: string) => Promise<AudioProbe | undefined> = probeAudioFile): Promise<TagIndex> {
    const index = new TagIndex();
    const limit = pLimit(8);
    const probes = await Promise.all(files.map((f) => limit(async () => [f, await probe(f)] as const)));
    for (const [file, p] of probes) if (p) index.add(file, p);
    return index;
  }

  get size(): number {
    return this.probes.size;
  }

  private add(path: string, p: AudioProbe): void {
    this.probes.set(path, p);
    if (p.qobuzTrackId) push(this.byQobuzId, p.qobuzTrackId, path);
    if (p.isrc) push(this.byIsrc, p.isrc, path);
    if (p.title && p.album && (p.artist || p.albumArtist)) this.byTags.add(path, probeTrack({ ...p, title: p.title, album: p.album }));
  }

  /** Files whose tags the matching engine accepts as this entry's track, best first. */
  private matchByTags(entry: PlanEntry): string[] {
    const t = entry.track;
    const wanted: MatchTrack = {
      title: titleWithVersion(t.title, t.version),
      artists: [t.artist.name, entry.album.artist.name],
      album: albumDisplayTitle(entry.album),
    };
    if (t.durationSec !== undefined) wanted.durationSec = t.durationSec;
    return this.byTags
      .search(wanted, { limit: 10 })
      .filter((h) => h.result.match && (h.result.breakdown.album?.value ?? 0) <= MAX_ALBUM_DIFFERENCE)
      .map((h) => h.id);
  }

  /** The unclaimed file that is this track, and how it was told; claims it. */
  claim(entry: PlanEntry): { path: string; how: Exclude<RecogniseHow, 'path'> } | undefined {
    const t = entry.track;
    const candidates: [Exclude<RecogniseHow, 'path'>, string[] | undefined][] = [
      ['qobuz_id', this.byQobuzId.get(String(t.qobuzId))],
      ['isrc', t.isrc ? this.byIsrc.get(t.isrc.toUpperCase()) : undefined],
      ['tags', this.matchByTags(entry)],
    ];
    for (const [how, paths] of candidates) {
      const path = paths?.find((p) => {
        if (this.claimed.has(p)) return false;
        const probe = this.probes.get(p)!;
        // An ISRC or a name can be shared by another recording's file: the length must fit too.
        return how === 'qobuz_id' ? true : lengthFits(probe, entry) && (!probe.qobuzTrackId || probe.qobuzTrackId === String(t.qobuzId));
      });
      if (path) {
        this.claimed.add(path);
        return { path, how };
      }
    }
    return undefined;
  }
}


function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function nativeText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return nativeText(value[0]);
  if (typeof value === 'object' && value !== null && 'text' in value) return nativeText((value as { text: unknown }).text);
  return undefined;
}

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}
