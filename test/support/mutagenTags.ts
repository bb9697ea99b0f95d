// Reads an audio file's tags with mutagen (python3), a reader independent of the one Cassette writes with, and
// hashes its audio stream with ffmpeg (stream copy, so tags and pictures do not count).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface MutagenTags {
  /** ID3: frame id (TXXX:<desc> for user frames) → texts; Vorbis: upper-case field name → values. */
  tags: Record<string, string[]>;
  pictures: { type: number; mime: string; sha256: string }[];
  /** [2, 4, 0] for ID3v2.4; absent for Vorbis comments. */
  id3Version?: number[];
}

const SCRIPT = `
import sys, json, hashlib, mutagen
from mutagen.id3 import ID3
f = mutagen.File(sys.argv[1])
tags, pics, version = {}, [], None
def pic(p): return {'type': int(p.type), 'mime': p.mime, 'sha256': hashlib.sha256(p.data).hexdigest()}
if f.tags is None:
    pass
elif isinstance(f.tags, ID3):
    version = list(f.tags.version)
    for frame in f.tags.values():
        if frame.FrameID == 'APIC': pics.append(pic(frame))
        elif frame.FrameID == 'TXXX': tags['TXXX:' + frame.desc] = [str(t) for t in frame.text]
        elif hasattr(frame, 'text'): tags[frame.FrameID] = [str(t) for t in frame.text]
else:
    for k, v in f.tags.items(): tags.setdefault(k.upper(), []).extend(v if isinstance(v, list) else [v])
for p in getattr(f, 'pictures', []): pics.append(pic(p))
print(json.dumps({'tags': tags, 'pictures': pics, 'id3Version': version}))
`;

// A python3 earlier on PATH (pyenv, venv) may lack the module Debian's python3-mutagen installs for /usr/bin.
const PYTHONS = ['python3', '/usr/bin/python3'];
let python: Promise<string | undefined> | undefined;

export function mutagenPython(): Promise<string | undefined> {
  python ??= (async () => {
    for (const p of PYTHONS) if (await run(p, ['-c', 'import mutagen']).then(() => true, () => false)) return p;
    return undefined;
  })();
  return python;
}

export async function hasMutagen(): Promise<boolean> {
  return (await mutagenPython()) !== undefined;
}

export async function mutagenTags(path: string): Promise<MutagenTags> {
  const py = await mutagenPython();
  if (!py) throw new Error('python3 with mutagen is needed to read tags back');
  const { stdout } = await run(py, ['-c', SCRIPT, path]);
  const parsed = JSON.parse(stdout) as MutagenTags & { id3Version: number[] | null };
  return { tags: parsed.tags, pictures: parsed.pictures, ...(parsed.id3Version ? { id3Version: parsed.id3Version } : {}) };
}

/** MD5 of the audio frames only. */
export async function audioStreamMd5(path: string): Promise<string> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', path, '-map', '0:a', '-c', 'copy', '-f', 'md5', '-']);
  return stdout.trim();
}
