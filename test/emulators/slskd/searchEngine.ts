// Searches as slskd runs them: two at a time on the network (the rest `Queued`), responses trickling in while
// `InProgress` (counts go up) but stored — and so readable — only once the search completes.
import type { PeerSpec, SharedFile } from './catalogue';
import { deliveredAudio } from './catalogue';
import type { ToneCache } from './toneCache';
import { compact, isoTime, newGuid } from './wire';

export interface SearchRequestBody {
  id?: string;
  searchText: string;
  searchTimeout?: number;
  responseLimit?: number;
  fileLimit?: number;
  filterResponses?: boolean;
  minimumPeerUploadSpeed?: number;
  maximumPeerQueueLength?: number;
  minimumResponseFileCount?: number;
  minimumPeerFreeUploadSlots?: number;
}

export type WireFile = ReturnType<typeof fileToWire>;
export interface WireResponse {
  username: string;
  token: number;
  hasFreeUploadSlot: boolean;
  queueLength: number;
  uploadSpeed: number;
  fileCount: number;
  files: WireFile[];
  lockedFileCount: number;
  lockedFiles: WireFile[];
}

export interface SearchRecord {
  id: string;
  token: number;
  searchText: string;
  /** The request body exactly as received, for assertions. */
  request: SearchRequestBody;
  state: string;
  startedAt: number;
  endedAt?: number;
  responseCount: number;
  fileCount: number;
  lockedFileCount: number;
  /** Responses received so far (not visible through the API until completion). */
  arrived: WireResponse[];
  /** What GET /responses returns: set at completion. */
  stored: WireResponse[];
  /** Removed through DELETE (kept in the emulator's history for assertions). */
  deleted: boolean;
  timers: NodeJS.Timeout[];
}

export const isComplete = (s: SearchRecord): boolean => s.state.startsWith('Completed');

export interface SearchEngineOptions {
  peers: () => PeerSpec[];
  tones: ToneCache;
  searchDelayMs: () => number;
  maxConcurrent: number;
  /** After completion, GET /responses stays empty this long (a real slskd race clients must ride out). */
  storeResponsesDelayMs: () => number;
}

export class SearchEngine {
  readonly searches = new Map<string, SearchRecord>();
  /** Every search ever started, deleted ones included, in order. */
  readonly history: SearchRecord[] = [];
  private readonly queue: SearchRecord[] = [];
  private running = 0;
  private nextToken = 1000;

  constructor(private readonly o: SearchEngineOptions) {}

  start(body: SearchRequestBody): SearchRecord {
    const rec: SearchRecord = {
      id: body.id ?? newGuid(),
      token: this.nextToken++,
      searchText: body.searchText,
      request: body,
      state: 'Queued',
      startedAt: Date.now(),
      responseCount: 0,
      fileCount: 0,
      lockedFileCount: 0,
      arrived: [],
      stored: [],
      deleted: false,
      timers: [],
    };
    this.searches.set(rec.id, rec);
    this.history.push(rec);
    if (this.running < this.o.maxConcurrent) this.begin(rec);
    else this.queue.push(rec);
    return rec;
  }

  /** PUT /searches/{id}: stop now, keep what arrived. */
  stop(rec: SearchRecord): void {
    if (isComplete(rec)) return;
    const queued = this.queue.indexOf(rec);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      rec.state = 'Completed, Cancelled';
      rec.endedAt = Date.now();
      return;
    }
    this.complete(rec, 'Cancelled');
  }

  delete(rec: SearchRecord): void {
    this.stop(rec);
    rec.deleted = true;
    this.searches.delete(rec.id);
  }

  close(): void {
    for (const rec of this.searches.values()) for (const t of rec.timers) clearTimeout(t);
  }

  private begin(rec: SearchRecord): void {
    this.running++;
    rec.state = 'InProgress';
    void this.gather(rec).then(
      (responses) => this.schedule(rec, responses),
      () => this.complete(rec, 'Errored'),
    );
  }

  private async gather(rec: SearchRecord): Promise<WireResponse[]> {
    const req = rec.request;
    const words = searchWords(rec.searchText);
    const out: WireResponse[] = [];
    for (const peer of this.o.peers()) {
      const matches = peer.files.filter((f) => matchesWords(f.path, words));
      if (matches.length === 0) continue;
      const wired = await Promise.all(
        matches.map(async (f) => ({ f, wire: fileToWire(f, (await this.o.tones.bytes(deliveredAudio(f))).length) })),
      );
      const files = wired.filter((w) => !w.f.locked).map((w) => w.wire);
      const lockedFiles = wired.filter((w) => w.f.locked).map((w) => ({ ...w.wire, isLocked: true }));
      if (req.filterResponses ?? true) {
        if (files.length < (req.minimumResponseFileCount ?? 1)) continue;
        if (peer.uploadSpeed < (req.minimumPeerUploadSpeed ?? 0)) continue;
        if (peer.queueLength > (req.maximumPeerQueueLength ?? 1_000_000)) continue;
        if ((req.minimumPeerFreeUploadSlots ?? 0) > 0 && !peer.hasFreeUploadSlot) continue;
      }
      out.push({
        username: peer.username,
        token: rec.token,
        hasFreeUploadSlot: peer.hasFreeUploadSlot,
        queueLength: peer.queueLength,
        uploadSpeed: peer.uploadSpeed,
        fileCount: files.length,
        files,
        lockedFileCount: lockedFiles.length,
        lockedFiles,
      });
    }
    return out;
  }

  /** Responses arrive spread over the search delay; the search ends `searchTimeout` ms after the last one. */
  private schedule(rec: SearchRecord, responses: WireResponse[]): void {
    if (isComplete(rec)) return;
    const delay = this.o.searchDelayMs();
    const timeout = rec.request.searchTimeout ?? 15_000;
    const responseLimit = rec.request.responseLimit ?? 100;
    const fileLimit = rec.request.fileLimit ?? 10_000;
    const n = responses.length;
    responses.forEach((resp, i) => {
      const at = n === 0 ? delay : Math.round((delay * (i + 1)) / n);
      rec.timers.push(
        setTimeout(() => {
          if (isComplete(rec)) return;
          rec.arrived.push(resp);
          rec.responseCount++;
          rec.fileCount += resp.fileCount;
          rec.lockedFileCount += resp.lockedFileCount;
          if (rec.responseCount >= responseLimit) this.complete(rec, 'ResponseLimitReached');
          else if (rec.fileCount >= fileLimit) this.complete(rec, 'FileLimitReached');
        }, at),
      );
    });
    rec.timers.push(setTimeout(() => this.complete(rec, 'TimedOut'), delay + timeout));
  }

  private complete(rec: SearchRecord, why: 'TimedOut' | 'Cancelled' | 'ResponseLimitReached' | 'FileLimitReached' | 'Errored'): void {
    if (isComplete(rec)) return;
    for (const t of rec.timers) clearTimeout(t);
    rec.timers = [];
    rec.state = `Completed, ${why}`;
    rec.endedAt = Date.now();
    const lag = this.o.storeResponsesDelayMs();
    if (lag > 0) rec.timers.push(setTimeout(() => (rec.stored = [...rec.arrived]), lag));
    else rec.stored = [...rec.arrived];
    this.running--;
    const next = this.queue.shift();
    if (next) this.begin(next);
  }
}

/** The Search object as slskd serialises it (`responses` empty unless asked for and complete). */
export function searchToWire(rec: SearchRecord, includeResponses = false) {
  return compact({
    endedAt: isoTime(rec.endedAt),
    fileCount: rec.fileCount,
    id: rec.id,
    isComplete: isComplete(rec),
    lockedFileCount: rec.lockedFileCount,
    responseCount: rec.responseCount,
    responses: includeResponses ? rec.stored : [],
    searchText: rec.searchText,
    startedAt: isoTime(rec.startedAt),
    state: rec.state,
    token: rec.token,
  });
}

function fileToWire(f: SharedFile, size: number) {
  const ext = (f.path.match(/\.([^.\\]+)$/)?.[1] ?? '').toLowerCase();
  const a = f.audio;
  const lossless = a.format === 'flac';
  return compact({
    bitDepth: f.advertise.bitDepth ?? (lossless ? (a.bitDepth ?? 16) : undefined),
    bitRate: f.advertise.bitRate ?? (lossless ? undefined : (a.bitrateKbps ?? (a.format === 'mp3' ? 320 : 256))),
    code: 1,
    extension: ext,
    filename: f.path,
    isVariableBitRate: f.advertise.isVariableBitRate ?? (lossless ? undefined : false),
    length: f.advertise.length ?? Math.round(a.seconds),
    sampleRate: f.advertise.sampleRate ?? (lossless ? (a.sampleRate ?? 44100) : undefined),
    size,
    isLocked: false,
  });
}

/** Soulseek matches whole words anywhere in the path; `-word` excludes. */
function searchWords(text: string): { include: string[]; exclude: string[] } {
  const raw = text.toLowerCase().split(/\s+/).filter(Boolean);
  return {
    include: raw.filter((w) => !w.startsWith('-')).flatMap(tokens),
    exclude: raw.filter((w) => w.startsWith('-')).flatMap((w) => tokens(w.slice(1))),
  };
}

function tokens(s: string): string[] {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function matchesWords(path: string, words: { include: string[]; exclude: string[] }): boolean {
  if (words.include.length === 0) return false;
  const have = new Set(tokens(path));
  return words.include.every((w) => have.has(w)) && !words.exclude.some((w) => have.has(w));
}
