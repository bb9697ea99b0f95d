// Downloads one purchased Qobuz track as MP3 320: walks the format ladder (download/5 → stream/5 → download/6 +
// local transcode), rejects previews, streams into the part file with resume and a fresh signed URL per retry,
// and reports transcodes or intent fallbacks in a note. Failures are DownloadErrors; nothing partial is left.
import { stat } from 'node:fs/promises';
import { DownloadError, type FetchProgress } from '../../base';
import { discardPart, streamToPart, type StreamToPartOptions } from '../../net';
import { formatName, judgeFileUrl, ladderFailure, ladderNote, QOBUZ_MP3_LADDER, rungLabel, type LadderRung, type RungVerdict } from './formatLadder';
import { QobuzError } from './qobuzError';
import type { QobuzFileUrl } from './schemas';
import type { QobuzIntent } from './signing';
import { transcodeToMp3 } from './transcodeToMp3';

/** The one client call the downloader needs (QobuzClient fits). */
export interface QobuzFileUrlSource {
  getFileUrl(trackId: number | string, formatId: number, intent: QobuzIntent): Promise<QobuzFileUrl>;
}

export type QobuzTransferOptions = Pick<
  StreamToPartOptions,
  'maxAttempts' | 'backoff' | 'maxRetryAfterMs' | 'headersTimeoutMs' | 'idleTimeoutMs' | 'createWriteStream'
>;

export interface DownloadQobuzTrackOptions {
  client: QobuzFileUrlSource;
  trackId: number | string;
  /** Where the MP3 ends up (the queue's .part file). */
  partPath: string;
  /** The track's real length, to spot unflagged 30 s previews. */
  trackDurationSec?: number;
  signal?: AbortSignal;
  onProgress?(p: FetchProgress): void;
  ladder?: readonly LadderRung[];
  transfer?: QobuzTransferOptions;
  ffmpegPath?: string;
}

export interface QobuzDownloadResult {
  path: string;
  ext: 'mp3';
  sizeBytes: number;
  /** Length the CDN announced for the MP3 (absent after a transcode or without Content-Length). */
  announcedBytes?: number;
  /** The Qobuz format that was fetched (5 MP3, 6 FLAC, ...). */
  formatId: number;
  /** e.g. "download/5". */
  rung: string;
  transcoded: boolean;
  description: string;
  note?: string;
  /** Every rung asked, with its outcome, for the Failed view. */
  tried: string[];
}

export async function downloadQobuzTrack(o: DownloadQobuzTrackOptions): Promise<QobuzDownloadResult> {
  const flacPath = `${o.partPath}.flac`;
  try {
    const refused: RungVerdict[] = [];
    let chosen: Extract<RungVerdict, { ok: true }> | undefined;
    for (const rung of o.ladder ?? QOBUZ_MP3_LADDER) {
      throwIfAborted(o.signal);
      const v = judgeFileUrl(rung, await fileUrl(o, rung), o.trackDurationSec);
      if (v.ok) {
        chosen = v;
        break;
      }
      refused.push(v);
    }
    const tried = refused.map((v) => `${rungLabel(v.rung)}: ${v.ok ? 'ok' : v.reason}`);
    if (!chosen) {
      const f = ladderFailure(o.trackId, refused);
      throw new DownloadError(f.type, f.message, tried);
    }
    const pick = chosen;
    tried.push(`${rungLabel(pick.rung)}: ok`);

    const target = pick.kind === 'mp3' ? o.partPath : flacPath;
    o.onProgress?.({ bytesDownloaded: 0, detail: `${formatName(pick.formatId)} via ${rungLabel(pick.rung)}` });
    const fetched = await streamToPart({
      ...o.transfer,
      partPath: target,
      server: 'The Qobuz CDN',
      signal: o.signal,
      onProgress: (bytes, total) => o.onProgress?.({ bytesDownloaded: bytes, bytesTotal: total }),
      // The URL from the ladder is used once; every retry signs a fresh one for the same rung.
      url: async (attempt) => {
        if (attempt === 1) return pick.url;
        const again = judgeFileUrl(pick.rung, await fileUrl(o, pick.rung, true), o.trackDurationSec);
        if (!again.ok) throw new DownloadError('rejected', `Qobuz stopped offering ${rungLabel(pick.rung)} for track ${o.trackId} mid-download (${again.reason}).`, tried);
        return again.url;
      },
    });

    if (pick.kind === 'flac') {
      o.onProgress?.({ bytesDownloaded: 0, detail: 'transcoding FLAC to MP3 320' });
      await transcodeToMp3(flacPath, o.partPath, { ffmpegPath: o.ffmpegPath, signal: o.signal });
      await discardPart(flacPath);
    }
    const sizeBytes = (await stat(o.partPath)).size;
    const note = ladderNote(pick, refused);
    return {
      path: o.partPath,
      ext: 'mp3',
      sizeBytes,
      ...(pick.kind === 'mp3' && fetched.total !== undefined ? { announcedBytes: fetched.total } : {}),
      formatId: pick.formatId,
      rung: rungLabel(pick.rung),
      transcoded: pick.kind === 'flac',
      description: pick.kind === 'flac' ? `${formatName(pick.formatId)} from Qobuz, transcoded to MP3 320 CBR` : `MP3 320 from Qobuz (${rungLabel(pick.rung)})`,
      ...(note ? { note } : {}),
      tried,
    };
  } catch (e) {
    await Promise.all([discardPart(o.partPath), discardPart(flacPath)]);
    throw toDownloadError(e);
  }
}

/**
 * getFileUrl with permanent failures turned into DownloadErrors. During a transfer (`transient`), passing
 * trouble (server errors, rate limits) is rethrown as is so the transfer retries with backoff.
 */
async function fileUrl(o: DownloadQobuzTrackOptions, rung: LadderRung, transient = false): Promise<QobuzFileUrl> {
  try {
    return await o.client.getFileUrl(o.trackId, rung.formatId, rung.intent);
  } catch (e) {
    if (transient && e instanceof QobuzError && (e.code === 'unavailable' || e.code === 'rate_limited')) throw e;
    throw toDownloadError(e);
  }
}

function toDownloadError(e: unknown): DownloadError {
  if (e instanceof DownloadError) return e;
  if (e instanceof QobuzError) {
    switch (e.code) {
      case 'not_found':
        return new DownloadError('not_found', e.message);
      case 'unavailable':
      case 'rate_limited':
      case 'waf_blocked':
        return new DownloadError('connection', e.message);
      case 'invalid_response':
        return new DownloadError('parse', e.message);
      default:
        return new DownloadError('rejected', e.message);
    }
  }
  return new DownloadError('unknown', e instanceof Error ? e.message : String(e));
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DownloadError('cancelled', 'Download cancelled.');
}
