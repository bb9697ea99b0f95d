// The Matched Download use case. A matched download is a queue item like any other (request source `matched`):
// the slskd source follows the transfer of the file the user chose, while Spotify metadata for the chosen artist
// is gathered beside it; when the file has downloaded and validated, `deliver` files it into the Transfer folder
// (fileMatched.ts) instead of the processor's move, and the item lands in finished. No confident match → the file
// stays in the downloads folder as a normal download, with a note. "Match & file" runs the same filing on a file
// that is already downloaded. The journal (library/filingJournal) carries each request across restarts.
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/result';
import { DownloadError, type FetchedFile, type Logger, type TrackWanted } from '../../base';
import type { CatalogStore } from '../../catalog';
import { TransferError, validateAudioFile, type CoverArtCache, type FilingEntry, type FilingJournal, type Id3Version } from '../../library';
import { parseArtistCredit, primaryReading, rankArtists, type SuggestionFile } from '../../matching';
import type { SpotifyAlbum, SpotifyApi } from '../../providers';
import { pinnedPeerFileRef } from '../../sources';
import { PRIORITY, type Delivered, type QueueItem, type QueueStore } from '../../queue';
import { ArtistSuggester } from './artistSuggester';
import { fileMatched, rollBackFiling, type FiledFile, type FilingStage } from './fileMatched';
import { findArtistAlbum, folderAlbumOf, matchedMetadataSchema, resolveInAlbum, resolveTrack, type ChosenArtist, type MetadataOutcome } from './matchedMetadata';

/** Why a request without an artist is not filed (the row's note adds where the file stays). */
const NO_ARTIST_CHOSEN = 'No artist was chosen.';

/** A track of a folder that is not the chosen artist's is matched on its own when its best artist is this sure. */
export const OWN_MATCH_MIN_PROBABILITY = 0.8;

const suggestionFileSchema = z.object({
  filename: z.string(),
  durationMs: z.number().optional(),
  tags: z.object({ title: z.string().optional(), artist: z.string().optional(), album: z.string().optional(), trackNumber: z.number().optional() }).optional(),
});

/** What the journal keeps of a request (its `context`). */
const contextSchema = z.object({
  file: suggestionFileSchema,
  /** Null: nobody chose an artist (the modal was closed) — a normal download kept in the downloads folder. */
  artist: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The album the folder was matched to (matched album downloads). */
  albumId: z.string().optional(),
  metadata: matchedMetadataSchema.optional(),
  noMatch: z.string().optional(),
});
type Context = z.infer<typeof contextSchema>;

export interface PeerFile {
  username: string;
  filename: string;
  size: number;
  durationMs?: number;
}

export interface MatchedDownloadsOptions {
  journal: FilingJournal;
  queue: QueueStore;
  catalog: CatalogStore;
  covers: CoverArtCache;
  api(): Promise<SpotifyApi>;
  transferDir(): Promise<string>;
  /** The ID3v2 version for MP3s, read for every file filed (default 2.4). */
  id3Version?(): Promise<Id3Version>;
  /** Whether the slskd source is set up (the chosen peer file is fetched by it, pinned to that file). */
  slskdReady(): boolean;
  /** Something was enqueued or changed: push its row, look for work. */
  changed(ids: number[]): void;
  logger: Logger;
}

/** The steps of a matched download after its file arrived: gathering Spotify's data, then the filing's steps. */
export type MatchedStage = 'matching' | FilingStage;

/** What a row says during each stage. */
export const MATCHED_STAGE_DETAIL: Record<MatchedStage, string> = { matching: 'matching on Spotify', transferring: 'transferring', tagging: 'tagging' };

/** Told (and awaited) as a queue item enters each stage; `signal` is the item's cancel. */
export type StageReporter = (id: number, stage: MatchedStage, signal: AbortSignal) => void | Promise<void>;

export class MatchedDownloads {
  readonly suggester: ArtistSuggester;
  /** Metadata being gathered while items download, by queue item. */
  private readonly gathering = new Map<number, Promise<MetadataOutcome>>();
  /** Album lookups shared by a folder's tracks (and by repeats). */
  private readonly albums = new Map<string, Promise<SpotifyAlbum | undefined>>();

  constructor(private readonly o: MatchedDownloadsOptions) {
    this.suggester = new ArtistSuggester({ api: o.api, covers: o.covers });
  }

  /**
   * A Soulseek file matched to `artist`: queued now, metadata gathered while it downloads. Without an artist (the
   * person closed the picker) it is a normal download that stays in the downloads folder, as an unmatched one does.
   */
  async download(file: PeerFile, artist: ChosenArtist | null): Promise<QueueItem> {
    const [item] = await this.enqueue([file], artist, false);
    return item!;
  }

  /**
   * A folder (an album, or someone's favourites): every file queued; each is matched within the artist's album
   * the folder names first, then among the artist's tracks, then on its own, else downloaded plainly with a note.
   */
  async downloadAlbum(files: PeerFile[], artist: ChosenArtist | null): Promise<QueueItem[]> {
    if (files.length === 0) throw new AppError('invalid_input', 'The album has no files to download.');
    return this.enqueue(files, artist, true);
  }

  private async enqueue(files: PeerFile[], artist: ChosenArtist | null, asAlbum: boolean): Promise<QueueItem[]> {
    if (!this.o.slskdReady()) throw new AppError('invalid_input', 'Soulseek (slskd) is not set up: add it under Settings → Soulseek.');
    const folderAlbum = asAlbum && artist ? folderAlbumOf(files) : undefined;
    const albumKey = folderAlbum && artist ? `${artist.id}:${folderAlbum}` : undefined;
    if (albumKey && artist && !this.albums.has(albumKey)) {
      this.albums.set(albumKey, this.o.api().then((api) => findArtistAlbum(api, artist.id, folderAlbum)));
    }
    const sortAt = Date.now();
    const items: QueueItem[] = [];
    for (const f of files) {
      const sfile: SuggestionFile = { filename: f.filename, ...(f.durationMs ? { durationMs: f.durationMs } : {}) };
      const reading = primaryReading(sfile);
      const title = reading?.title || basename(f.filename.replace(/\\/g, '/'));
      const trackArtist = reading?.artists[0] ? parseArtistCredit(reading.artists[0]).main || reading.artists[0] : (artist?.name ?? 'Unknown artist');
      const trackId = this.o.catalog.upsertTrack({
        title, artist: { name: trackArtist }, source: 'slskd', ...(f.durationMs ? { durationSec: Math.round(f.durationMs / 1000) } : {}),
      });
      // Pinned to exactly this peer file: the slskd source fetches it and nothing else (no search).
      const externalRef = pinnedPeerFileRef({ username: f.username, filename: f.filename, size: f.size, ...(f.durationMs ? { lengthSec: f.durationMs / 1000 } : {}) });
      const { item } = this.o.queue.enqueueTrack({ trackId, source: 'slskd', priority: PRIORITY.user, requestSource: 'matched', sortAt, externalRef });
      if (!artist) {
        const context: Context = { file: sfile, artist: null, noMatch: NO_ARTIST_CHOSEN };
        this.o.journal.open({ queueItemId: item.id, context: JSON.stringify(context) });
      } else {
        const context: Context = { file: sfile, artist };
        this.o.journal.open({ queueItemId: item.id, context: JSON.stringify(context) });
        this.keepGathering(item.id, this.gather(item.id, context, albumKey));
      }
      items.push(item);
    }
    this.o.changed(items.map((i) => i.id));
    return items.map((i) => this.o.queue.get(i.id) ?? i);
  }

  /** Gathers the metadata of one request and keeps it in the journal (a restart does not ask Spotify again). */
  private async gather(itemId: number | null, context: Context, albumKey?: string, entryId?: number): Promise<MetadataOutcome> {
    if (!context.artist) return { kind: 'no_match', reason: NO_ARTIST_CHOSEN };
    const chosen = context.artist;
    const api = await this.o.api();
    let outcome: MetadataOutcome | undefined;
    const album = albumKey ? await this.albums.get(albumKey) : undefined;
    if (album) outcome = await resolveInAlbum(api, context.file, album, chosen);
    if (!outcome || outcome.kind === 'no_match') outcome = await resolveTrack(api, context.file, chosen);
    if (outcome.kind === 'no_match' && albumKey) {
      // A folder of favourites: this track is someone else's. Its own best artist, when the engine is sure.
      const top = rankArtists(context.file, await this.suggester.candidates(context.file).catch(() => []), 1)[0];
      if (top && top.artistId !== chosen.id && top.result.probability >= OWN_MATCH_MIN_PROBABILITY) {
        const own = await resolveTrack(api, context.file, { id: top.artistId, name: top.name });
        if (own.kind === 'matched') outcome = own;
      }
    }
    const entry = entryId !== undefined ? this.o.journal.get(entryId) : itemId !== null ? this.o.journal.forQueueItem(itemId) : undefined;
    if (entry) {
      const next: Context = { ...context, ...(album?.id ? { albumId: album.id } : {}), ...(outcome.kind === 'matched' ? { metadata: outcome.metadata } : { noMatch: outcome.reason }) };
      this.o.journal.advance(entry.id, entry.step, { context: JSON.stringify(next) });
    }
    return outcome;
  }

  /**
   * Keeps a gathering for the item's delivery. Spotify may fail long before the file has arrived (or the item is
   * cancelled and never delivered): the failure is the delivery's to report, never an unhandled rejection.
   */
  private keepGathering(itemId: number, p: Promise<MetadataOutcome>): Promise<MetadataOutcome> {
    p.catch(() => undefined);
    this.gathering.set(itemId, p);
    return p;
  }

  private metadataFor(item: QueueItem, entry: FilingEntry): Promise<MetadataOutcome> {
    const context = parseContext(entry);
    if (context.metadata) return Promise.resolve({ kind: 'matched', metadata: context.metadata });
    if (context.noMatch) return Promise.resolve({ kind: 'no_match', reason: context.noMatch });
    return this.gathering.get(item.id) ?? this.keepGathering(item.id, this.gather(item.id, context));
  }

  /** The processor's deliver hook: files a matched item's download, or leaves it where it is when nothing matched. */
  async deliver(_track: TrackWanted, file: FetchedFile, item: QueueItem, signal: AbortSignal, report: StageReporter): Promise<Delivered | undefined> {
    if (item.request_source !== 'matched') return undefined;
    const entry = this.o.journal.forQueueItem(item.id);
    if (!entry) return undefined;
    let outcome: MetadataOutcome;
    try {
      await report(item.id, 'matching', signal);
      outcome = await abortable(this.metadataFor(item, entry), signal);
    } catch (e) {
      // The journal entry stays (at `requested`, with whatever Spotify data arrives): a retry is still matched.
      if (signal.aborted) throw new DownloadError('cancelled', 'Cancelled while matching on Spotify');
      // Spotify is rate limited or away: the request waits and tries again (the file is kept by the retry).
      throw new DownloadError('connection', `Could not gather Spotify metadata: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.gathering.delete(item.id);
    }
    if (outcome.kind === 'no_match') {
      this.o.journal.close(entry.id);
      return { path: file.path, sizeBytes: file.sizeBytes, note: `${outcome.reason} Kept as a normal download in the downloads folder.` };
    }
    let filed: FiledFile;
    try {
      filed = await this.file(entry, file.path, outcome, signal, (stage) => report(item.id, stage, signal));
    } catch (e) {
      // The track is filed already (another copy, another day): keep that one, and this copy where it is.
      if (e instanceof TransferError && e.code === 'dest_exists') return { path: file.path, sizeBytes: file.sizeBytes, note: `${e.message} This copy stays in the downloads folder.` };
      throw e;
    }
    return { path: filed.path, sizeBytes: filed.sizeBytes, note: filed.note ?? `Filed as ${outcome.metadata.artist} — ${outcome.metadata.title}` };
  }

  /**
   * The processor's hook before fetching: a filing a crash interrupted after the download is finished now, and a
   * retry of a filing that was rolled back (a cancel, a full disk) files the copy it kept in the downloads folder
   * instead of downloading it again.
   */
  async finishInterrupted(_track: TrackWanted, item: QueueItem, signal: AbortSignal, report: StageReporter): Promise<Delivered | undefined> {
    if (item.request_source !== 'matched') return undefined;
    const entry = this.o.journal.forQueueItem(item.id);
    if (!entry || !entry.originalPath) return undefined;
    const context = parseContext(entry);
    const original = entry.originalPath;
    const originalThere = await stat(original).then((s) => s.isFile(), () => false);
    if (entry.step === 'requested') {
      if (!context.metadata || !originalThere) return undefined;
      const ext = extname(original).slice(1).toLowerCase();
      const playable = await validateAudioFile(original, { ext }).then(() => true, () => false);
      if (!playable) return undefined;
      const filed = await this.file(entry, original, { kind: 'matched', metadata: context.metadata }, signal, (stage) => report(item.id, stage, signal));
      return { path: filed.path, sizeBytes: filed.sizeBytes, note: filed.note ?? `Filed from the copy kept in the downloads folder as ${context.metadata.artist} — ${context.metadata.title}` };
    }
    if (!context.metadata || (entry.step === 'transferring' && !originalThere)) {
      await rollBackFiling(entry, this.o.journal);
      this.o.journal.open({ queueItemId: item.id, context: JSON.stringify({ file: context.file, artist: context.artist }) });
      return undefined;
    }
    const filed = await this.file(entry, original, { kind: 'matched', metadata: context.metadata }, signal, (stage) => report(item.id, stage, signal));
    return { path: filed.path, sizeBytes: filed.sizeBytes, note: filed.note ?? 'Filed after an interruption' };
  }

  private async file(entry: FilingEntry, original: string, outcome: Extract<MetadataOutcome, { kind: 'matched' }>, signal: AbortSignal | undefined, onStage?: (stage: FilingStage) => void | Promise<void>): Promise<FiledFile> {
    this.o.journal.advance(entry.id, entry.step, { originalPath: original });
    const fresh = this.o.journal.get(entry.id) ?? entry;
    return fileMatched(fresh, original, outcome.metadata, {
      journal: this.o.journal, covers: this.o.covers, transferDir: await this.o.transferDir(),
      ...(this.o.id3Version ? { id3Version: await this.o.id3Version() } : {}), ...(signal ? { signal } : {}), ...(onStage ? { onStage } : {}),
    });
  }

  /**
   * "Match & file": a file already downloaded (a finished download, or any audio file in the downloads folder) is
   * matched to `artist` and filed; a finished queue item and its catalog track then point at the new place.
   */
  async fileExisting(target: { path: string; queueItemId?: number; file: SuggestionFile }, artist: ChosenArtist): Promise<{ path: string; note?: string }> {
    const info = await stat(target.path).catch(() => undefined);
    if (!info?.isFile()) throw new AppError('not_found', `${target.path} is not there any more.`);
    await validateAudioFile(target.path, { ext: target.path.split('.').pop()?.toLowerCase() ?? '' }).catch((e: unknown) => {
      throw new AppError('invalid_input', `${basename(target.path)} is not a playable audio file: ${e instanceof Error ? e.message : String(e)}`);
    });
    const context: Context = { file: target.file, artist };
    const entry = this.o.journal.open({ originalPath: target.path, context: JSON.stringify(context) });
    let outcome: MetadataOutcome;
    try {
      outcome = await this.gather(null, context, undefined, entry.id);
    } catch (e) {
      this.o.journal.close(entry.id);
      throw e;
    }
    if (outcome.kind === 'no_match') {
      this.o.journal.close(entry.id);
      throw new AppError('not_found', `${outcome.reason} The file was left where it is.`);
    }
    const filed = await this.file(this.o.journal.get(entry.id) ?? entry, target.path, outcome, undefined);
    if (target.queueItemId !== undefined) {
      const item = this.o.queue.get(target.queueItemId);
      if (item?.track_id !== null && item?.track_id !== undefined) this.o.catalog.markDownloaded(item.track_id, filed.path, filed.sizeBytes);
      this.o.queue.setDestination(target.queueItemId, filed.path);
      this.o.changed([target.queueItemId]);
    }
    return { path: filed.path, ...(filed.note ? { note: filed.note } : {}) };
  }

  /** Start-up: "Match & file" runs a crash interrupted are finished (or rolled back when they cannot be). */
  async recoverStandalone(): Promise<number> {
    let finished = 0;
    for (const entry of this.o.journal.standalone()) {
      try {
        const context = parseContext(entry);
        const original = entry.originalPath;
        const originalThere = original ? await stat(original).then(() => true, () => false) : false;
        if (!context.metadata || !original || (entry.step === 'transferring' && !originalThere)) {
          await rollBackFiling(entry, this.o.journal);
          continue;
        }
        await this.file(entry, original, { kind: 'matched', metadata: context.metadata }, undefined);
        finished++;
      } catch (e) {
        this.o.logger.warn(`Could not finish filing ${entry.originalPath ?? entry.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return finished;
  }

  /** The queue row of a finished download as the Match & file target (where its file is now). */
  existingTarget(queueItemId: number): { path: string; file: SuggestionFile } {
    const item = this.o.queue.get(queueItemId);
    if (!item) throw new AppError('not_found', `No download ${queueItemId}.`);
    if (item.status !== 'completed' || !item.destination_path) throw new AppError('invalid_input', 'Only a finished download can be matched and filed.');
    const track = item.track_id !== null ? this.o.catalog.trackWanted(item.track_id) : undefined;
    return {
      path: item.destination_path,
      file: {
        filename: item.destination_path,
        ...(track?.durationSec ? { durationMs: track.durationSec * 1000 } : {}),
        ...(track ? { tags: { title: track.title, artist: track.artist, ...(track.album ? { album: track.album } : {}) } } : {}),
      },
    };
  }
}

function parseContext(entry: FilingEntry): Context {
  const parsed = contextSchema.safeParse(safeJson(entry.context));
  if (!parsed.success) throw new AppError('internal', `The filing record ${entry.id} is unreadable.`);
  return parsed.data;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
