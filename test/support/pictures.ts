// Pictures for cover-art tests: images drawn with sharp, and any bytes (a real image, half of one, garbage)
// embedded in an MP3 (ID3 APIC) or FLAC (PICTURE block) with mutagen, which writes what it is given unchecked.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { mutagenPython } from './mutagenTags';

const run = promisify(execFile);

export interface ImageOptions {
  width: number;
  height: number;
  format: 'jpeg' | 'png';
  /** Solid colour, e.g. '#c03020'. */
  color: string;
}

export function makeImage(o: ImageOptions): Promise<Buffer> {
  const img = sharp({ create: { width: o.width, height: o.height, channels: 3, background: o.color } });
  return (o.format === 'jpeg' ? img.jpeg({ quality: 90 }) : img.png()).toBuffer();
}

export async function writeImage(path: string, o: ImageOptions): Promise<Buffer> {
  const data = await makeImage(o);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data);
  return data;
}

/**
 * A PNG whose header claims `width`×`height` pixels but holds almost no data: what a decompression bomb looks like
 * to a decoder that trusts the header.
 */
export function pngClaiming(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))]);
}

const EMBED = `
import sys, mutagen
from mutagen.id3 import ID3, APIC
from mutagen.flac import FLAC, Picture
path, mime, pic = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(pic, 'rb').read()
if path.lower().endswith('.flac'):
    f = FLAC(path)
    p = Picture(); p.type = 3; p.mime = mime; p.data = data
    f.add_picture(p); f.save()
else:
    try: tags = ID3(path)
    except Exception: tags = ID3()
    tags.add(APIC(encoding=3, mime=mime, type=3, desc='Cover', data=data))
    tags.save(path)
`;

/** Embeds `data` as the front cover of an MP3 or FLAC file, whatever the bytes are. */
export async function embedPicture(audioPath: string, data: Buffer, mime = 'image/jpeg'): Promise<void> {
  const py = await mutagenPython();
  if (!py) throw new Error('python3 with mutagen is needed to embed pictures');
  const picture = `${audioPath}.picture`;
  await writeFile(picture, data);
  await run(py, ['-c', EMBED, audioPath, mime, picture]);
}
