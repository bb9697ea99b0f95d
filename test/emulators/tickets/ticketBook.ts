// The emulator's tickets and their life: each ticket walks pending → acquiring → needs_approval | auto_approved →
// downloading → converting → placing → completed on a timer, unless its behaviour says to fail, stall or wait.
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { ToneFiles } from './toneFiles';
import {
  TERMINAL_STATES,
  type AudioFormat,
  type TicketFailureView,
  type TicketFileView,
  type TicketRequest,
  type TicketState,
  type TicketView,
} from './wire';

export interface TicketFailureSpec {
  /** The state in which the ticket fails. */
  at: TicketState;
  retryable: boolean;
  reason?: string;
  code?: string;
  /** Fail this many attempts (a retry is a new attempt), then succeed. Default: every attempt. */
  times?: number;
}

export interface TicketBehaviour {
  /** Time spent in each state, and per progress step while downloading. */
  stepMs: number;
  /** How many progress steps the service-side download takes. */
  downloadSteps: number;
  /** Park in needs_approval until `approve(id)` or `deny(id)`. */
  requireApproval: boolean;
  fail?: TicketFailureSpec;
  /** Stop advancing on reaching this state (in downloading: after the first progress step). */
  stallAt?: TicketState;
  /**
   * 'file': the stored file is cut in half while the ticket announces the full size.
   * 'stream': the first transfer of each file drops the connection half-way (a Range request then works).
   */
  truncate?: 'file' | 'stream';
  /** Deliver this format whatever was asked. */
  format?: AudioFormat;
  /** Length of the generated audio; default: the track's durationSec, else 5 s. */
  seconds?: number;
  /** Slow the file transfer down: pause this long after each 16 KiB chunk. */
  chunkDelayMs?: number;
}

export const DEFAULT_BEHAVIOUR: TicketBehaviour = {
  stepMs: 20,
  downloadSteps: 4,
  requireApproval: false,
};

interface TicketFile extends TicketFileView {
  path: string;
  /** How many times the file has been served (for truncate: 'stream'). */
  served: number;
}

export interface Ticket {
  id: string;
  state: TicketState;
  progress: number;
  attempt: number;
  createdAt: number;
  updatedAt: number;
  request: TicketRequest;
  behaviour: TicketBehaviour;
  failure?: TicketFailureView;
  files: TicketFile[];
  stalled: boolean;
  idempotencyKey?: string;
  timer?: NodeJS.Timeout;
  history: TicketState[];
}

export class TicketBook {
  private readonly tickets = new Map<string, Ticket>();
  private closed = false;

  constructor(private readonly tones: ToneFiles) {}

  all(): Ticket[] {
    return [...this.tickets.values()];
  }

  get(id: string): Ticket | undefined {
    return this.tickets.get(id);
  }

  byIdempotencyKey(key: string): Ticket | undefined {
    return this.all().find((t) => t.idempotencyKey === key);
  }

  create(request: TicketRequest, behaviour: TicketBehaviour, idempotencyKey?: string): Ticket {
    const now = Date.now();
    const t: Ticket = {
      id: `tkt_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      state: 'pending',
      progress: 0,
      attempt: 1,
      createdAt: now,
      updatedAt: now,
      request,
      behaviour,
      files: [],
      stalled: false,
      idempotencyKey,
      history: ['pending'],
    };
    this.tickets.set(t.id, t);
    // Start making the audio now so `converting` rarely has to wait for ffmpeg.
    for (const track of request.tracks) {
      this.tones.path(this.formatFor(t), behaviour.seconds ?? track.durationSec ?? 5).catch(() => undefined);
    }
    this.schedule(t);
    return t;
  }

  cancel(t: Ticket): void {
    this.moveTo(t, 'cancelled');
  }

  retry(t: Ticket): void {
    t.attempt += 1;
    t.failure = undefined;
    t.progress = 0;
    t.stalled = false;
    t.files = [];
    this.moveTo(t, 'pending');
    this.schedule(t);
  }

  approve(t: Ticket): void {
    if (t.state !== 'needs_approval') throw new Error(`ticket ${t.id} is ${t.state}, not needs_approval`);
    this.moveTo(t, 'downloading');
    this.schedule(t);
  }

  deny(t: Ticket, reason = 'denied by the approver'): void {
    this.failWith(t, { retryable: false, code: 'rejected', reason });
  }

  stall(t: Ticket): void {
    t.stalled = true;
    clearTimeout(t.timer);
  }

  unstall(t: Ticket): void {
    t.stalled = false;
    this.schedule(t);
  }

  failWith(t: Ticket, failure: TicketFailureView): void {
    t.failure = failure;
    this.moveTo(t, 'failed');
  }

  view(t: Ticket): TicketView {
    return {
      id: t.id,
      state: t.state,
      progress: t.progress,
      attempt: t.attempt,
      createdAt: new Date(t.createdAt).toISOString(),
      updatedAt: new Date(t.updatedAt).toISOString(),
      request: t.request,
      ...(t.failure ? { failure: t.failure } : {}),
      files: t.files.map((f) => ({
        index: f.index,
        disc: f.disc,
        track: f.track,
        title: f.title,
        name: f.name,
        format: f.format,
        sizeBytes: f.sizeBytes,
        durationSec: f.durationSec,
      })),
    };
  }

  close(): void {
    this.closed = true;
    for (const t of this.tickets.values()) clearTimeout(t.timer);
  }

  private formatFor(t: Ticket): AudioFormat {
    return t.behaviour.format ?? t.request.format.preferred[0] ?? 'flac';
  }

  private moveTo(t: Ticket, state: TicketState): void {
    clearTimeout(t.timer);
    t.state = state;
    t.updatedAt = Date.now();
    t.history.push(state);
    if (state === 'downloading') t.progress = 0;
    if (state === 'converting' || state === 'placing' || state === 'completed') t.progress = 1;
  }

  private schedule(t: Ticket): void {
    if (this.closed || t.stalled || TERMINAL_STATES.has(t.state) || t.state === 'needs_approval') return;
    clearTimeout(t.timer);
    t.timer = setTimeout(() => {
      this.step(t).catch((e: unknown) => {
        this.failWith(t, { retryable: true, code: 'source_error', reason: String(e) });
      });
    }, t.behaviour.stepMs);
  }

  private async step(t: Ticket): Promise<void> {
    if (this.closed || t.stalled || TERMINAL_STATES.has(t.state)) return;
    const fail = t.behaviour.fail;
    if (fail && fail.at === t.state && t.attempt <= (fail.times ?? Infinity)) {
      this.failWith(t, {
        retryable: fail.retryable,
        code: fail.code ?? (fail.retryable ? 'source_error' : 'not_found'),
        reason: fail.reason ?? (fail.retryable ? 'the source went away' : 'no release matches the request'),
      });
      return;
    }
    switch (t.state) {
      case 'pending':
        this.moveTo(t, 'acquiring');
        break;
      case 'acquiring':
        this.moveTo(t, t.behaviour.requireApproval ? 'needs_approval' : 'auto_approved');
        break;
      case 'auto_approved':
        this.moveTo(t, 'downloading');
        break;
      case 'downloading': {
        t.progress = Math.min(1, t.progress + 1 / Math.max(1, t.behaviour.downloadSteps));
        t.updatedAt = Date.now();
        if (t.behaviour.stallAt === 'downloading') {
          this.stall(t);
          return;
        }
        if (t.progress >= 1) this.moveTo(t, 'converting');
        break;
      }
      case 'converting':
        t.files = await this.makeFiles(t);
        if (t.state !== 'converting') return; // cancelled while ffmpeg ran
        this.moveTo(t, 'placing');
        break;
      case 'placing':
        this.moveTo(t, 'completed');
        break;
      default:
        return;
    }
    if (t.behaviour.stallAt === t.state && t.state !== 'downloading') {
      this.stall(t);
      return;
    }
    this.schedule(t);
  }

  private async makeFiles(t: Ticket): Promise<TicketFile[]> {
    const format = this.formatFor(t);
    const files: TicketFile[] = [];
    for (const [index, track] of t.request.tracks.entries()) {
      const seconds = t.behaviour.seconds ?? track.durationSec ?? 5;
      const path = await this.tones.path(format, seconds);
      const { size } = await stat(path);
      files.push({
        index,
        disc: track.disc,
        track: track.track,
        title: track.title,
        name: `${String(track.track).padStart(2, '0')} ${track.title}.${format}`,
        format,
        sizeBytes: size,
        durationSec: seconds,
        path,
        served: 0,
      });
    }
    return files;
  }
}
