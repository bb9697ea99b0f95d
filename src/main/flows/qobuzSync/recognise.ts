// Recognises files already in the sync folder (an earlier run whose catalog was lost, or another tool) so they
// are adopted instead of downloaded twice: a file at the planned path that is audio of the right length, or a
// file elsewhere whose tags name the track — QOBUZ_TRACK_ID, else ISRC, else title + artist + album.
import { parseFile } from 'music-metadata';
import pLimit from 'p-limit';
import { durationToleranceSec, titleWithVersion } from '../../library';
import { normalise } from '../../matching';
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
    const meta = await parseFile(path, { duration: false, skipCovers: true });
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

const tagKey = (title: string, artist: string, album: string): string => `${normalise(title)}|${normalise(artist)}|${normalise(album)}`;

/** Files found in the folder, indexed by what their tags say; each file can be claimed once. */
export class TagIndex {
  private readonly byQobuzId = new Map<string, string[]>();
  private readonly byIsrc = new Map<string, string[]>();
  private readonly byTags = new Map<string, string[]>();
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
    if (p.title && p.album) {
      for (const artist of new Set([p.artist, p.albumArtist].filter((a): a is string => !!a))) {
        push(this.byTags, tagKey(p.title, artist, p.album), path);
      }
    }
  }

  /** The unclaimed file that is this track, and how it was told; claims it. */
  claim(entry: PlanEntry): { path: string; how: Exclude<RecogniseHow, 'path'> } | undefined {
    const t = entry.track;
    const candidates: [Exclude<RecogniseHow, 'path'>, string[] | undefined][] = [
      ['qobuz_id', this.byQobuzId.get(String(t.qobuzId))],
      ['isrc', t.isrc ? this.byIsrc.get(t.isrc.toUpperCase()) : undefined],
      ['tags', this.byTags.get(tagKey(titleWithVersion(t.title, t.version), t.artist.name, albumDisplayTitle(entry.album)))],
      ['tags', this.byTags.get(tagKey(titleWithVersion(t.title, t.version), t.artist.name, entry.album.title))],
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
