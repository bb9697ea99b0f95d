// The matched filing steps on their own: a cancel while transferring and while tagging rolls back what the
// filing wrote (no target, no part, no cover, no journal row) and leaves the original as it was; a second run of
// an entry stopped after the transfer continues from there; M4A and Ogg get their tags too.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/db';
import { fileMatched, matchedTargetPath, type MatchedMetadata } from '../../src/main/flows/matchedDownload';
import { closeTagWorker, CoverArtCache, FilingJournal, readTags } from '../../src/main/library';
import { makeTone } from '../support/audio';
import { audioStreamMd5 } from '../support/mutagenTags';
import { FakeClock, tempDir } from '../support/testCore';

let dir: string;
let cleanup: () => Promise<void>;
let db: Db;
let journal: FilingJournal;
const covers = new CoverArtCache();

const meta = (over: Partial<MatchedMetadata> = {}): MatchedMetadata => ({
  spotifyTrackId: 't'.padEnd(22, '1'), spotifyArtistId: 'r'.padEnd(22, '1'), spotifyAlbumId: 'b'.padEnd(22, '1'),
  artist: 'Nina Vale', title: 'Low Tide', artists: ['Nina Vale'], contributingArtists: [], album: 'Tidewater', release: 'Tidewater',
  albumArtist: 'Nina Vale', trackNumber: 3, trackTotal: 3, discNumber: 1, discTotal: 1, date: '2019-04-05', isrc: 'GBTDW1900003', probability: 0.99,
  ...over,
});

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('cassette-filing-'));
  db = openDatabase(join(dir, 'catalog.db'));
  journal = new FilingJournal(db, new FakeClock());
});

afterAll(async () => {
  db.close();
  await closeTagWorker();
  await cleanup();
});

async function filesUnder(d: string): Promise<string[]> {
  if (!existsSync(d)) return [];
  return (await readdir(d, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort();
}

const rows = () => (db.prepare('SELECT count(*) AS n FROM filing_journal').get() as { n: number }).n;

describe('cancelling a filing', () => {
  for (const stage of ['transferring', 'tagging'] as const) {
    it(`while ${stage}: nothing is left under Transfer and the original is untouched`, async () => {
      const original = await makeTone(join(dir, `downloads-${stage}`, 'Low Tide.mp3'), { seconds: 2, format: 'mp3' });
      const before = await readFile(original);
      const transferDir = join(dir, `Transfer-${stage}`);
      const entry = journal.open({ context: '{}' });
      const controller = new AbortController();
      await expect(
        fileMatched(entry, original, meta(), { journal, covers, transferDir, signal: controller.signal, onStage: (s) => void (s === stage && controller.abort()) }),
      ).rejects.toMatchObject({ type: 'cancelled' });
      expect(await filesUnder(transferDir)).toEqual([]);
      expect(await readFile(original)).toEqual(before);
      expect(rows()).toBe(0);
    });
  }
});

describe('continuing a filing', () => {
  it('an entry stopped after the transfer is tagged and finished without copying again', async () => {
    const original = await makeTone(join(dir, 'downloads-resume', 'Low Tide.flac'), { seconds: 2, format: 'flac' });
    const transferDir = join(dir, 'Transfer-resume');
    const entry = journal.open({ context: '{}' });
    const controller = new AbortController();
    // Stop just before tagging, keeping the transferred file (as a crash there would).
    let stopped = false;
    await fileMatched(entry, original, meta(), {
      journal, covers, transferDir, signal: controller.signal,
      onStage: (s) => {
        if (s === 'tagging') {
          stopped = true;
          throw new Error('crash');
        }
      },
    }).catch(() => undefined);
    expect(stopped).toBe(true);
    const target = matchedTargetPath(transferDir, meta(), 'flac');
    expect(existsSync(target)).toBe(true);
    const saved = journal.get(entry.id)!;
    expect(saved.step).toBe('transferred');
    const filed = await fileMatched(saved, original, meta(), { journal, covers, transferDir });
    expect(filed.path).toBe(target);
    expect(await readTags(target)).toMatchObject({ title: 'Low Tide', album: 'Tidewater', trackNumber: 3, trackTotal: 3, isrc: 'GBTDW1900003' });
    expect(existsSync(original)).toBe(false);
    expect(rows()).toBe(0);
  });
});

describe('formats', () => {
  for (const format of ['m4a', 'ogg'] as const) {
    it(`${format}: filed and tagged, audio unchanged`, async () => {
      const original = await makeTone(join(dir, `downloads-${format}`, `Low Tide.${format}`), { seconds: 2, format });
      const md5 = await audioStreamMd5(original);
      const entry = journal.open({ context: '{}' });
      const filed = await fileMatched(entry, original, meta({ remixer: 'Artist A' }), { journal, covers, transferDir: join(dir, `Transfer-${format}`) });
      expect(filed.path.endsWith(join('Nina Vale', 'Nina Vale - Tidewater', `03 Low Tide.${format}`))).toBe(true);
      expect(await readTags(filed.path)).toMatchObject({ title: 'Low Tide', artists: ['Nina Vale'], album: 'Tidewater', trackNumber: 3, isrc: 'GBTDW1900003' });
      expect(await audioStreamMd5(filed.path)).toBe(md5);
    });
  }
});
