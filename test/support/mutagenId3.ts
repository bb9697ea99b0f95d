// Reads an MP3's ID3v2 frames exactly as they are in the file, with mutagen (python3), a reader independent of the
// one Cassette writes with. `translate=False`: mutagen would otherwise turn v2.3 frames into v2.4 ones in memory
// (TYER → TDRC), hiding what an old player sees. Also writes a v2.4 tag with frames Cassette never writes itself
// (TIPL, TMCL, TSOP, ...), to test what a merge does with them.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mutagenPython } from './mutagenTags';

const run = promisify(execFile);

export interface Id3Frames {
  /** [2, 3, 0] or [2, 4, 0]. */
  version: number[];
  /** Frame id in file order: "TIT2", "TXXX:ARTISTS", "APIC"; texts (IPLS/TIPL/TMCL: role, name, role, name). */
  frames: { id: string; texts: string[]; encoding?: number }[];
  pictures: { type: number; mime: string; sha256: string }[];
}

const READ = `
import sys, json, hashlib
from mutagen.id3 import ID3
t = ID3(sys.argv[1], translate=False)
frames, pics = [], []
for f in t.values():
    fid = f.FrameID
    enc = int(f.encoding) if hasattr(f, 'encoding') else None
    if fid == 'APIC':
        pics.append({'type': int(f.type), 'mime': f.mime, 'sha256': hashlib.sha256(f.data).hexdigest()})
        frames.append({'id': 'APIC', 'texts': [], 'encoding': enc})
    elif hasattr(f, 'people'):
        frames.append({'id': fid, 'texts': [x for pair in f.people for x in pair], 'encoding': enc})
    elif fid == 'TXXX':
        frames.append({'id': 'TXXX:' + f.desc, 'texts': [str(x) for x in f.text], 'encoding': enc})
    elif hasattr(f, 'text'):
        frames.append({'id': fid, 'texts': [str(x) for x in f.text], 'encoding': enc})
    else:
        frames.append({'id': fid, 'texts': []})
print(json.dumps({'version': list(t.version), 'frames': frames, 'pictures': pics}))
`;

export async function mutagenId3Frames(path: string): Promise<Id3Frames> {
  const py = await mutagenPython();
  if (!py) throw new Error('python3 with mutagen is needed to read tags back');
  const { stdout } = await run(py, ['-c', READ, path]);
  return JSON.parse(stdout) as Id3Frames;
}

/** Frame id → texts (the first frame of each id). */
export function frameTexts(f: Id3Frames): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const frame of f.frames) out[frame.id] ??= frame.texts;
  return out;
}

const WRITE_V24 = `
import sys
from mutagen.id3 import ID3, TIT2, TPE1, TDRC, TDOR, TIPL, TMCL, TSOP, TSOA, TMOO, TXXX
t = ID3()
t.add(TIT2(encoding=3, text=['Old Title']))
t.add(TPE1(encoding=3, text=['Old Artist']))
t.add(TDRC(encoding=3, text=['1979-11-30T21:05']))
t.add(TDOR(encoding=3, text=['1975-03-01']))
t.add(TIPL(encoding=3, people=[['producer', 'Robert John "Mutt" Lange'], ['engineer', 'Tony Platt']]))
t.add(TMCL(encoding=3, people=[['guitar', 'Angus Young']]))
t.add(TSOP(encoding=3, text=['Artist, Old']))
t.add(TSOA(encoding=3, text=['Album, Old']))
t.add(TMOO(encoding=3, text=['Loud']))
t.add(TXXX(encoding=3, desc='MOODS', text=['loud', 'fast']))
t.save(sys.argv[1], v2_version=4)
`;

/** Replaces the file's tag with a v2.4 one holding v2.4-only frames (dates with time, people lists, sort orders). */
export async function writeMutagenV24Extras(path: string): Promise<void> {
  const py = await mutagenPython();
  if (!py) throw new Error('python3 with mutagen is needed to write the test tag');
  await run(py, ['-c', WRITE_V24, path]);
}
