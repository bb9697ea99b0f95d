// Qobuz as a DownloadSource: fetches a purchased track (externalIds.qobuz) as MP3 320 into the queue's part
// file, validates it, and hands the part file back; the queue owns the move, tags and catalog.
import { DownloadError, type DownloadSource, type FetchContext, type FetchedFile, type TrackWanted } from '../../base';
import { downloadQobuzTrack, type QobuzFileUrlSource, type QobuzTransferOptions } from './downloader';

export interface QobuzSourceOptions {
  /** A logged-in QobuzClient (token validated with user/get before any download). */
  client: QobuzFileUrlSource;
  transfer?: QobuzTransferOptions;
  ffmpegPath?: string;
}

export class QobuzSource implements DownloadSource {
  readonly id = 'qobuz' as const;

  constructor(private readonly options: QobuzSourceOptions) {}

  async fetch(track: TrackWanted, ctx: FetchContext): Promise<FetchedFile> {
    const qobuzId = track.externalIds.qobuz;
    if (!qobuzId) throw new DownloadError('not_found', `"${track.title}" has no Qobuz track id, so it cannot come from Qobuz purchases.`);
    const r = await downloadQobuzTrack({
      client: this.options.client,
      trackId: qobuzId,
      partPath: ctx.partPath,
      trackDurationSec: track.durationSec,
      signal: ctx.signal,
      onProgress: (p) => ctx.onProgress(p),
      transfer: this.options.transfer,
      ffmpegPath: this.options.ffmpegPath,
    });
    await ctx.validate(r.path, {
      ext: 'mp3',
      ...(r.announcedBytes !== undefined ? { expectedSize: r.announcedBytes } : {}),
      ...(track.durationSec !== undefined ? { durationSec: track.durationSec } : {}),
      bitrateKbps: 320,
    });
    return { path: r.path, ext: r.ext, sizeBytes: r.sizeBytes, description: r.description, ...(r.note ? { note: r.note } : {}) };
  }
}
