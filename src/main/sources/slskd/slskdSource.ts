// The slskd download source: search (budgeted, serialised), rank, enqueue the best candidate that is not
// quarantined, follow the transfer by its GUID, and fail over — cancelling at slskd, deleting what was written and
// quarantining the (user, file) — on Rejected/Errored/TimedOut, a stall, or a file that fails validation.
// A request pinned to one peer's file (the Search page's Download) skips the search and fetches exactly that file.
// A search that ends with close calls only offers them for a person's pick (`offerForReview`, reviewCandidates.ts).
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { HttpParseError, HttpStatusError } from '../../net';
import {
  DownloadError,
  isInterruption,
  type AudioClaim,
  type DownloadSource,
  type FetchContext,
  type FetchedFile,
  type ReviewCandidate,
  type TrackWanted,
} from '../../base';
import { SlskdClient, type SlskdClientOptions } from './client';
import { parseSlskdConfig, type SlskdConfig, type SlskdConfigInput } from './config';
import { DownloadTarget } from './downloadTarget';
import { parseRemotePath, planLocalDownloadPath, UnsafeRemotePathError } from './remotePath';
import { classifyQuality, qualityLabel, type QualityTier } from './quality';
import { candidateKey, candidatesFromResponses, rankCandidates, type RankedCandidate, type RankOptions, type ScoreMatch } from './rank';
import { CloseCalls } from './reviewCandidates';
import type { SlskdSearchResponse, SlskdTransfer } from './schemas';
import { searchStrategies } from './searchQueries';
import { abortableSleep, searchGateFor, SearchRunner } from './searchRunner';
import { parseTransferState } from './transferState';

/** One peer's file, as its search response announced it: what a pinned request downloads and nothing else. */
export const PeerFileSchema = z.object({
  username: z.string().min(1),
  filename: z.string().min(1),
  size: z.number().int().nonnegative(),
  /** Seconds, as announced (validated against the file). */
  lengthSec: z.number().positive().optional(),
  bitRate: z.number().positive().optional(),
  bitDepth: z.number().positive().optional(),
  sampleRate: z.number().positive().optional(),
  isVariableBitRate: z.boolean().optional(),
});
export type PeerFile = z.infer<typeof PeerFileSchema>;

/**
 * What `setExternalRef` stores: enough to poll, cancel or resume the transfer after a restart; `pin` when the
 * request is for that peer file only (it survives the transfer, so a retry asks for the same file again).
 */
export const SlskdExternalRefSchema = z.object({
  username: z.string(),
  /** slskd's transfer GUID. */
  id: z.string(),
  filename: z.string(),
  size: z.number(),
  pin: PeerFileSchema.optional(),
});
export type SlskdExternalRef = z.infer<typeof SlskdExternalRefSchema>;
/** A pinned request before (or between) transfers: no transfer id yet. */
const PinOnlySchema = z.object({ pin: PeerFileSchema });

function parseJson(ref: string | undefined): unknown {
  if (!ref) return undefined;
  try {
    return JSON.parse(ref);
  } catch {
    return undefined;
  }
}

export function parseSlskdExternalRef(ref: string | undefined): SlskdExternalRef | undefined {
  const parsed = SlskdExternalRefSchema.safeParse(parseJson(ref));
  return parsed.success ? parsed.data : undefined;
}

/** The peer file a request is pinned to, if it is. */
export function pinnedPeerFile(ref: string | undefined): PeerFile | undefined {
  const json = parseJson(ref);
  const pinOnly = PinOnlySchema.safeParse(json);
  if (pinOnly.success) return pinOnly.data.pin;
  const transfer = SlskdExternalRefSchema.safeParse(json);
  return transfer.success ? transfer.data.pin : undefined;
}

/** The external reference that pins a queue request to exactly this peer file (no search). */
export function pinnedPeerFileRef(file: PeerFile): string {
  return JSON.stringify({ pin: PeerFileSchema.parse(file) });
}

export interface SlskdSourceDeps {
  /** Replaces the matching engine with a plain score (tests); by default the engine decides. */
  scoreMatch?: ScoreMatch;
  client?: SlskdClient;
  searchRunner?: SearchRunner;
  /** HTTP overrides for the default client (tests shrink backoff). */
  http?: SlskdClientOptions['http'];
  log?: (message: string) => void;
  now?: () => number;
}

/** One download attempt's job: a transfer at slskd and where its file will land. */
interface TransferJob {
  username: string;
  id: string;
  filename: string;
  size: number;
  ext: string;
  target: DownloadTarget;
  quality?: QualityTier;
  lengthSec?: number;
  bitRate?: number;
  /** A person chose this very file: no "best available" note. */
  pinned?: boolean;
}

type AttemptResult = { ok: true; file: FetchedFile } | { ok: false; reason: string; quarantine: boolean };

export class SlskdSource implements DownloadSource {
  readonly id = 'slskd' as const;
  private readonly config: SlskdConfig;
  private readonly client: SlskdClient;
  private readonly runner: SearchRunner;
  private readonly scoreMatch?: ScoreMatch;
  private readonly log: (message: string) => void;
  private readonly now: () => number;

  constructor(config: SlskdConfigInput | SlskdConfig, deps: SlskdSourceDeps = {}) {
    this.config = parseSlskdConfig(config);
    const c = this.config;
    this.client = deps.client ?? new SlskdClient({ baseUrl: c.baseUrl, apiKey: c.apiKey, http: deps.http });
    this.now = deps.now ?? Date.now;
    this.runner =
      deps.searchRunner ??
      new SearchRunner(this.client, {
        budget: c.budget,
        searchTimeoutMs: c.searchTimeoutMs,
        pollMs: c.pollMs,
        responseLimit: c.responseLimit,
        fileLimit: c.fileLimit,
        maximumPeerQueueLength: c.maximumPeerQueueLength,
        cacheTtlMs: c.searchCacheTtlMs,
        gate: searchGateFor(c.baseUrl),
        now: this.now,
      });
    this.scoreMatch = deps.scoreMatch;
    this.log = deps.log ?? (() => undefined);
  }

  /**
   * Searches the network for `query` through this source's runner (one POST at a time, within the budget,
   * results read at completion): the Search page and the queue share one search path.
   */
  search(query: string, signal?: AbortSignal): Promise<SlskdSearchResponse[]> {
    return this.runner.search(query, signal);
  }

  async fetch(track: TrackWanted, ctx: FetchContext): Promise<FetchedFile> {
    const pin = pinnedPeerFile(ctx.externalRef);
    if (pin) return this.fetchPinned(track, pin, ctx);
    const tried: string[] = [];
    const fail = (r: { reason: string }, who: string) => tried.push(`${who} — ${r.reason}`);

    if (ctx.externalRef) {
      const resumed = await this.resume(track, ctx);
      if (resumed?.ok) return resumed.file;
      if (resumed) fail(resumed, 'previous attempt');
    }

    const seen = new Set<string>();
    const closeCalls = this.closeCalls();
    let attempts = 0;
    let quarantinedSkipped = 0;
    let found = 0;
    // Strategy by strategy (searchQueries.ts); the first that yields a confident candidate it can try is the last.
    for (const { name: strategy, query } of searchStrategies(track)) {
      if (attempts >= this.config.maxAttempts) break;
      this.checkAborted(ctx);
      ctx.onProgress({ bytesDownloaded: 0, detail: `searching "${query}"` });
      let ranked: RankedCandidate[];
      try {
        const responses = await this.runner.search(query, ctx.signal);
        const result = rankCandidates(track, candidatesFromResponses(responses), this.rankOptions());
        ranked = result.ranked;
        closeCalls.add(result.rejected);
      } catch (e) {
        throw this.toDownloadError(e, ctx, 'searching', tried);
      }
      const attemptsBefore = attempts;
      for (const c of ranked) {
        if (seen.has(c.key)) continue;
        seen.add(c.key);
        found++;
        if (ctx.isQuarantined(c.key)) {
          quarantinedSkipped++;
          continue;
        }
        if (attempts >= this.config.maxAttempts) break;
        attempts++;
        const result = await this.attempt(track, c, ctx, tried);
        if (result.ok) return result.file;
        const who = `${c.username}: ${c.filename}`;
        fail(result, who);
        this.log(`slskd: ${who} failed (${result.reason})`);
        if (result.quarantine) ctx.quarantine(c.key, result.reason);
      }
      if (attempts > attemptsBefore) {
        this.log(`slskd: ${track.artist} — ${track.title}: the ${strategy} search found candidates; no further strategies`);
        break;
      }
    }

    const what = `${track.artist} — ${track.title}`;
    if (found === 0) {
      // Close calls of a track someone reviews (a playlist's) wait for their pick instead of a retry.
      const offer = closeCalls.best();
      if (offer.length > 0 && ctx.offerForReview?.(offer)) {
        throw new DownloadError('needs_review', `No file on Soulseek is surely ${what}; ${offer.length} close ones wait for your pick in the review list`, tried);
      }
      throw new DownloadError('not_found', `No acceptable file for ${what} on Soulseek`, tried);
    }
    const skipped = quarantinedSkipped > 0 ? `; ${quarantinedSkipped} known-bad source(s) skipped` : '';
    throw new DownloadError(
      'rejected',
      `Every Soulseek source for ${what} failed (${attempts} tried${skipped})`,
      tried,
    );
  }

  /**
   * A person's own search for a track (the review list's "Search again"): the same budgeted search, every file
   * ranked against the track by the matching engine, the plausible ones — confident or close — best first.
   */
  async reviewSearch(track: TrackWanted, query: string, signal?: AbortSignal): Promise<ReviewCandidate[]> {
    const responses = await this.runner.search(query, signal);
    const { ranked, rejected } = rankCandidates(track, candidatesFromResponses(responses), this.rankOptions());
    const calls = this.closeCalls();
    calls.add(ranked);
    calls.add(rejected);
    return calls.best();
  }

  private rankOptions(): RankOptions {
    return { scoreMatch: this.scoreMatch, minScore: this.config.minMatchScore, ladder: this.config.qualityLadder, minQuality: this.config.minQuality };
  }

  /** Only files slskd could store inside its downloads folder are ever offered to a person. */
  private closeCalls(): CloseCalls {
    return new CloseCalls((remote) => planLocalDownloadPath(this.config.downloadsDir, remote).ok);
  }

  /** Stops a transfer at slskd and forgets it there. Never throws. */
  async cancel(externalRef: string): Promise<void> {
    const ref = parseSlskdExternalRef(externalRef);
    if (!ref) return;
    await this.client.cancelDownload(ref.username, ref.id, { remove: true }).catch(() => undefined);
  }

  /** A given-up transfer is forgotten; a pinned request keeps its pin, so the retry fetches the same file. */
  refAfterAbandon(externalRef: string): string | null {
    const pin = pinnedPeerFile(externalRef);
    return pin ? pinnedPeerFileRef(pin) : null;
  }

  /**
   * Exactly the pinned peer file: follow the transfer an earlier attempt started, or enqueue that file; never
   * search, never another file. A failure is the request's (retried later, for the same file).
   */
  private async fetchPinned(track: TrackWanted, pin: PeerFile, ctx: FetchContext): Promise<FetchedFile> {
    const tried: string[] = [];
    const who = `${pin.username}: ${pin.filename}`;
    if (parseSlskdExternalRef(ctx.externalRef)) {
      const resumed = await this.resume(track, ctx);
      if (resumed?.ok) return resumed.file;
      if (resumed) tried.push(`${who} — ${resumed.reason}`);
    }
    this.checkAborted(ctx);
    const key = candidateKey(pin.username, pin.filename);
    if (ctx.isQuarantined(key)) {
      throw new DownloadError('rejected', `${pin.username}'s file ${fileNameOf(pin.filename)} failed before and is not tried again; search again for another copy`, tried);
    }
    const candidate = pinnedCandidate(pin);
    if (!candidate) throw new DownloadError('rejected', `.${extOf(pin.filename) || '?'} files are not downloaded`, tried);
    const result = await this.attempt(track, candidate, ctx, tried, pin);
    if (result.ok) return result.file;
    tried.push(`${who} — ${result.reason}`);
    this.log(`slskd: ${who} failed (${result.reason})`);
    if (result.quarantine) ctx.quarantine(key, result.reason);
    // The transfer is gone; the pin stays for the retry.
    ctx.setExternalRef(pinnedPeerFileRef(pin));
    throw new DownloadError('rejected', `${pin.username} did not deliver ${fileNameOf(pin.filename)}: ${result.reason}`, tried);
  }

  // ------------------------------------------------------------------------------------------------------------

  private async attempt(
    track: TrackWanted,
    c: RankedCandidate,
    ctx: FetchContext,
    tried: string[],
    pin?: PeerFile,
  ): Promise<AttemptResult> {
    ctx.onProgress({ bytesDownloaded: 0, bytesTotal: c.size, detail: `peer ${c.username}, requesting` });
    let target: DownloadTarget;
    try {
      target = await DownloadTarget.snapshot(this.config.downloadsDir, c.filename);
    } catch (e) {
      // A hostile or impossible path is never enqueued: slskd would write wherever it points.
      if (e instanceof UnsafeRemotePathError) return { ok: false, reason: e.message, quarantine: true };
      throw e;
    }
    let transfer: SlskdTransfer | undefined;
    try {
      transfer = await this.client.enqueueDownload(c.username, { filename: c.filename, size: c.size }, ctx.signal);
    } catch (e) {
      // slskd answers 500 when it cannot reach the peer; that is this candidate's problem, not slskd's.
      if (e instanceof HttpStatusError && e.status === 500 && !ctx.signal.aborted) {
        return { ok: false, reason: `enqueue failed (${e.bodyText.slice(0, 120) || 'HTTP 500'})`, quarantine: false };
      }
      throw this.toDownloadError(e, ctx, 'enqueueing', tried);
    }
    if (!transfer) return { ok: false, reason: 'slskd did not enqueue it (already queued?)', quarantine: false };

    const ref: SlskdExternalRef = { username: c.username, id: transfer.id, filename: c.filename, size: c.size, ...(pin ? { pin } : {}) };
    ctx.setExternalRef(JSON.stringify(ref));
    return this.follow(
      track,
      {
        username: c.username,
        id: transfer.id,
        filename: c.filename,
        size: c.size,
        ext: c.ext,
        target,
        quality: c.quality,
        lengthSec: c.lengthSec,
        bitRate: c.bitRate,
        pinned: pin !== undefined,
      },
      ctx,
      tried,
    );
  }

  /** Picks up the transfer a previous run started (after a crash), if it is still alive or finished well. */
  private async resume(track: TrackWanted, ctx: FetchContext): Promise<AttemptResult | undefined> {
    const ref = parseSlskdExternalRef(ctx.externalRef);
    if (!ref) return undefined;
    let t: SlskdTransfer | undefined;
    try {
      t = await this.client.getDownload(ref.username, ref.id, ctx.signal);
    } catch (e) {
      throw this.toDownloadError(e, ctx, 'resuming a transfer', []);
    }
    if (!t) return undefined;
    const state = parseTransferState(t.state);
    if (state.terminal && state.outcome !== 'Succeeded') {
      await this.client.cancelDownload(ref.username, ref.id, { remove: true }).catch(() => undefined);
      return undefined;
    }
    const ext = ref.filename.match(/\.([^.\\/]+)$/)?.[1]?.toLowerCase() ?? '';
    const target = await DownloadTarget.unknownHistory(this.config.downloadsDir, ref.filename).catch((e: unknown) => {
      if (e instanceof UnsafeRemotePathError) return undefined;
      throw e;
    });
    if (!target) {
      await this.client.cancelDownload(ref.username, ref.id, { remove: true }).catch(() => undefined);
      ctx.quarantine(candidateKey(ref.username, ref.filename), 'unsafe path');
      return undefined;
    }
    const result = await this.follow(track, { ...ref, ext, target, pinned: ref.pin !== undefined, lengthSec: ref.pin?.lengthSec, bitRate: ref.pin?.bitRate }, ctx, []);
    if (!result.ok && result.quarantine) ctx.quarantine(candidateKey(ref.username, ref.filename), result.reason);
    return result;
  }

  /** Polls the transfer by GUID until it ends, stalls or is aborted. */
  private async follow(track: TrackWanted, job: TransferJob, ctx: FetchContext, tried: string[]): Promise<AttemptResult> {
    let lastBytes = 0;
    let lastMoveAt = this.now();
    for (;;) {
      if (ctx.signal.aborted) await this.abandon(job, tried, ctx.signal);
      let t: SlskdTransfer | undefined;
      try {
        t = await this.client.getDownload(job.username, job.id, ctx.signal);
      } catch (e) {
        if (ctx.signal.aborted) await this.abandon(job, tried, ctx.signal);
        throw this.toDownloadError(e, ctx, 'following a transfer', tried);
      }
      if (!t) {
        await job.target.removeWritten();
        return { ok: false, reason: 'transfer disappeared from slskd', quarantine: false };
      }
      const state = parseTransferState(t.state);
      const total = t.size || job.size;
      if (t.bytesTransferred > lastBytes) {
        lastBytes = t.bytesTransferred;
        lastMoveAt = this.now();
      }
      ctx.onProgress({ bytesDownloaded: t.bytesTransferred, bytesTotal: total, detail: progressDetail(job.username, t, state) });

      if (state.terminal) {
        if (state.outcome === 'Succeeded') return this.collect(track, job, t, ctx);
        await job.target.removeWritten();
        await this.client.cancelDownload(job.username, job.id, { remove: true }).catch(() => undefined);
        const reason = `${state.outcome ?? 'failed'}${t.exception ? `: ${t.exception}` : ''}`;
        // A cancellation we did not ask for (someone used slskd's UI) says nothing about the file.
        return { ok: false, reason, quarantine: state.outcome !== 'Cancelled' };
      }
      if (this.now() - lastMoveAt > this.config.stallMs) {
        await this.client.cancelDownload(job.username, job.id, { remove: true }).catch(() => undefined);
        await job.target.removeWritten();
        const pct = total > 0 ? Math.round((t.bytesTransferred / total) * 100) : 0;
        return {
          ok: false,
          reason: `stalled (${state.queued ? 'queued' : `${pct}%`}, no progress for ${formatDuration(this.config.stallMs)})`,
          quarantine: true,
        };
      }
      try {
        await abortableSleep(this.config.pollMs, ctx.signal);
      } catch {
        await this.abandon(job, tried, ctx.signal);
      }
    }
  }

  /** The transfer succeeded: find the file slskd wrote, validate it, and hand it over. */
  private async collect(track: TrackWanted, job: TransferJob, t: SlskdTransfer, ctx: FetchContext): Promise<AttemptResult> {
    const size = t.size || job.size;
    // slskd may move the file from its incomplete directory a moment after reporting success.
    let path = await job.target.locate(size);
    for (let i = 0; !path && i < 10; i++) {
      await abortableSleep(Math.min(this.config.pollMs, 200), ctx.signal).catch(() => undefined);
      this.checkAborted(ctx);
      path = await job.target.locate(size);
    }
    if (!path) {
      throw new DownloadError(
        'storage',
        `slskd finished ${job.filename} but it is not under ${this.config.downloadsDir} (expected ${job.target.expected}); ` +
          'check that downloadsDir points at slskd’s downloads directory',
      );
    }
    const lossless = job.ext === 'flac';
    const claim: AudioClaim = {
      ext: job.ext,
      expectedSize: size,
      durationSec: track.durationSec ?? job.lengthSec,
      bitrateKbps: lossless ? undefined : job.bitRate,
    };
    try {
      await ctx.validate(path, claim);
    } catch (e) {
      if (e instanceof DownloadError && e.type === 'corruption') {
        await job.target.removeWritten();
        await this.client.cancelDownload(job.username, job.id, { remove: true }).catch(() => undefined);
        return { ok: false, reason: `bad file: ${e.message}`, quarantine: true };
      }
      throw e;
    }
    // Tidy slskd's transfer list; the file stays where it is.
    await this.client.cancelDownload(job.username, job.id, { remove: true }).catch(() => undefined);
    const st = await stat(path);
    const top = this.config.qualityLadder[0];
    const label = job.quality ? qualityLabel(job.quality) : job.ext.toUpperCase();
    return {
      ok: true,
      file: {
        path,
        ext: job.ext,
        sizeBytes: st.size,
        description: `${label} from ${job.username}`,
        note: !job.pinned && job.quality && top && job.quality !== top ? `best available was ${label}` : undefined,
      },
    };
  }

  /** Aborted by the caller: cancel at slskd, delete the partial file, and report a cancellation. */
  private async abandon(job: TransferJob, tried: string[], signal?: AbortSignal): Promise<never> {
    // Paused or shutting down: slskd keeps the transfer and the next attempt follows it by its GUID.
    if (signal && isInterruption(signal)) throw new DownloadError('cancelled', 'Interrupted; will resume', tried);
    await this.client.cancelDownload(job.username, job.id, { remove: true }).catch(() => undefined);
    await job.target.removeWritten().catch(() => undefined);
    throw new DownloadError('cancelled', 'Download cancelled', [...tried, `${job.username}: ${job.filename} — cancelled`]);
  }

  private checkAborted(ctx: FetchContext): void {
    if (ctx.signal.aborted) throw new DownloadError('cancelled', 'Download cancelled');
  }

  private toDownloadError(e: unknown, ctx: Pick<FetchContext, 'signal'>, while_: string, tried: string[]): DownloadError {
    if (e instanceof DownloadError) return e;
    if (ctx.signal.aborted) return new DownloadError('cancelled', 'Download cancelled', tried);
    if (e instanceof HttpStatusError) {
      if (e.status === 401 || e.status === 403) {
        return new DownloadError('rejected', `slskd refused the API key (HTTP ${e.status}) while ${while_}`, tried);
      }
      return new DownloadError('connection', `slskd answered HTTP ${e.status} while ${while_}`, tried);
    }
    if (e instanceof HttpParseError) return new DownloadError('parse', e.message, tried);
    const msg = e instanceof Error ? e.message : String(e);
    return new DownloadError('connection', `slskd unreachable while ${while_}: ${msg}`, tried);
  }
}

/** A pinned file as a candidate (the engine's score does not apply: a person chose it). */
function pinnedCandidate(pin: PeerFile): RankedCandidate | undefined {
  const parsed = parseRemotePath(pin.filename);
  const ext = parsed.ext;
  const quality = classifyQuality({ ext, bitRate: pin.bitRate, bitDepth: pin.bitDepth, isVariableBitRate: pin.isVariableBitRate, size: pin.size, lengthSec: pin.lengthSec });
  if (!quality) return undefined;
  return {
    key: candidateKey(pin.username, pin.filename),
    username: pin.username,
    filename: pin.filename,
    size: pin.size,
    ext,
    parsed,
    bitRate: pin.bitRate,
    bitDepth: pin.bitDepth,
    sampleRate: pin.sampleRate,
    lengthSec: pin.lengthSec,
    isVariableBitRate: pin.isVariableBitRate,
    peer: { hasFreeUploadSlot: true, queueLength: 0, uploadSpeed: 0 },
    score: 1,
    quality,
    qualityRank: 0,
  };
}

const fileNameOf = (remote: string): string => JSON.stringify(remote.split(/[\\/]/).pop() ?? remote);
const extOf = (remote: string): string => parseRemotePath(remote).ext;

export function createSlskdSource(config: SlskdConfigInput | SlskdConfig, deps?: SlskdSourceDeps): SlskdSource {
  return new SlskdSource(config, deps);
}

function formatDuration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : ms >= 1_000 ? `${Math.round(ms / 1_000)} s` : `${ms} ms`;
}

function progressDetail(username: string, t: SlskdTransfer, state: ReturnType<typeof parseTransferState>): string {
  if (state.queued) return `peer ${username}, queued${t.placeInQueue ? ` #${t.placeInQueue}` : ''}`;
  if (state.flags.has('InProgress')) return `peer ${username}, ${Math.floor(t.percentComplete)}%`;
  if (state.terminal) return `peer ${username}, ${state.outcome?.toLowerCase() ?? 'done'}`;
  return `peer ${username}, connecting`;
}
