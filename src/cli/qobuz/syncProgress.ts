// How a purchase sync shows itself in a terminal: live bars (cli-progress) for each active download and the
// totals on a TTY, plain lines otherwise, only the essentials with --quiet, newline-delimited JSON with --json.
import cliProgress from 'cli-progress';
import type { SyncEvent, SyncSummary, TrackRef } from '../../main/flows/qobuzSync';
import { summaryLines } from '../../main/flows/qobuzSync';
import { formatBytes } from '../output';

export type OutputMode = 'tty' | 'plain' | 'quiet' | 'json';

export interface SyncProgress {
  onEvent(e: SyncEvent): void;
  /** Clears live output and prints the summary. */
  finish(s: SyncSummary): void;
  /** Clears live output (before an error message). */
  stop(): void;
}

export interface SyncProgressOptions {
  mode: OutputMode;
  verbose?: boolean;
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
}

export function outputMode(o: { json?: boolean; quiet?: boolean }, stdout: NodeJS.WriteStream = process.stdout): OutputMode {
  if (o.json) return 'json';
  if (o.quiet) return 'quiet';
  return stdout.isTTY ? 'tty' : 'plain';
}

export function createSyncProgress(o: SyncProgressOptions): SyncProgress {
  const out = o.out ?? process.stdout;
  const err = o.err ?? process.stderr;
  switch (o.mode) {
    case 'json':
      return jsonProgress(out);
    case 'tty':
      return ttyProgress(out, err, o.verbose ?? false);
    default:
      return lineProgress(out, err, o.mode === 'quiet', o.verbose ?? false);
  }
}

const who = (t: TrackRef): string => `${t.artist} – ${t.title}`;
const speedText = (bps: number | null): string => (bps ? `${formatBytes(bps)}/s` : '');

interface Counts {
  total: number;
  toDownload: number;
  done: number;
  failed: number;
  skipped: number;
}

function count(c: Counts, e: SyncEvent): void {
  if (e.type === 'plan') {
    c.total = e.total;
    c.toDownload = e.download;
    c.skipped = e.skip + e.recognise;
  } else if (e.type === 'downloaded') c.done++;
  else if (e.type === 'failed') c.failed++;
}

const PHASE_TEXT: Partial<Record<string, string>> = {
  signing_in: 'Signing in to Qobuz…',
  listing: 'Reading your Qobuz purchases…',
  albums: 'Reading album track lists…',
  recognising: 'Looking for files already in the folder…',
  reconciling: 'Checking the catalog against the disk…',
};

function lineProgress(out: NodeJS.WritableStream, err: NodeJS.WritableStream, quiet: boolean, verbose: boolean): SyncProgress {
  const c: Counts = { total: 0, toDownload: 0, done: 0, failed: 0, skipped: 0 };
  let lastPhase = '';
  const tick = () => `[${String(c.done + c.failed).padStart(String(c.toDownload).length)}/${c.toDownload}]`;
  return {
    onEvent(e) {
      count(c, e);
      if (e.type === 'failed') err.write(`${tick()} failed: ${who(e.track)}: ${e.track.reason}\n`);
      else if (e.type === 'stopping') err.write(`${e.message}\n`);
      else if (e.type === 'warning') err.write(`warning: ${e.message}\n`);
      if (quiet) return;
      switch (e.type) {
        case 'phase': {
          const text = PHASE_TEXT[e.phase];
          if (text && e.phase !== lastPhase && (verbose || e.phase !== 'reconciling')) out.write(`${text}\n`);
          lastPhase = e.phase;
          break;
        }
        case 'signed_in':
          if (verbose) out.write(`Signed in as ${e.user}\n`);
          break;
        case 'plan':
          if (e.download) out.write(`${e.total} tracks: ${e.download} to download, ${e.skip} already on disk, ${e.recognise} recognised\n`);
          break;
        case 'recognised':
          out.write(`recognised ${e.track.path}\n`);
          break;
        case 'skipped':
          if (verbose) out.write(`skipped ${e.track.path}\n`);
          break;
        case 'started':
          if (verbose) out.write(`${tick()} downloading ${who(e.track)} → ${e.track.path}\n`);
          break;
        case 'downloaded':
          out.write(`${tick()} downloaded ${e.track.path} (${formatBytes(e.track.sizeBytes)})${e.track.note ? ` — ${e.track.note}` : ''}\n`);
          break;
        default:
          break;
      }
    },
    finish(s) {
      const lines = summaryLines(s, { verbose, formatBytes });
      out.write(`${(quiet ? lines.slice(0, 1) : lines).join('\n')}\n`);
    },
    stop() {},
  };
}

function jsonProgress(out: NodeJS.WritableStream): SyncProgress {
  const lastProgress = new Map<number, number>();
  const line = (v: unknown) => out.write(`${JSON.stringify(v)}\n`);
  return {
    onEvent(e) {
      if (e.type === 'progress') {
        // At most two progress lines a second per track.
        const now = Date.now();
        if (now - (lastProgress.get(e.track.trackId) ?? 0) < 500) return;
        lastProgress.set(e.track.trackId, now);
      }
      const { type, ...rest } = e;
      line({ event: type, ...rest });
    },
    finish(s) {
      line({ event: 'summary', ...s });
    },
    stop() {},
  };
}

interface Payload {
  label: string;
  amount: string;
  speed: string;
}

function ttyProgress(out: NodeJS.WritableStream, err: NodeJS.WritableStream, verbose: boolean): SyncProgress {
  const c: Counts = { total: 0, toDownload: 0, done: 0, failed: 0, skipped: 0 };
  const multi = new cliProgress.MultiBar(
    {
      stream: err,
      format: (options, params, payload: Payload) => {
        const size = options.barsize ?? 24;
        const filled = Math.round(Math.max(0, Math.min(1, params.progress)) * size);
        return `${payload.label} ${'█'.repeat(filled)}${'░'.repeat(size - filled)} ${payload.amount}${payload.speed ? `  ${payload.speed}` : ''}`;
      },
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      autopadding: true,
      fps: 8,
    },
    cliProgress.Presets.shades_classic,
  );
  let totalBar: cliProgress.SingleBar | undefined;
  const bars = new Map<number, cliProgress.SingleBar>();
  let stopped = false;
  const totals = (): Payload => ({
    label: 'Total'.padEnd(34),
    amount: `${c.done + c.failed}/${c.toDownload}`,
    speed: `done ${c.done} · skipped ${c.skipped} · failed ${c.failed} · total ${c.total}`,
  });
  const log = (text: string) => multi.log(`${text}\n`);
  const fit = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));
  return {
    onEvent(e) {
      if (stopped) return;
      count(c, e);
      switch (e.type) {
        case 'phase': {
          const text = PHASE_TEXT[e.phase];
          if (text && e.phase !== 'reconciling' && !totalBar) err.write(`\r${text}${e.total ? ` ${e.done ?? 0}/${e.total}` : ''}\x1b[K`);
          break;
        }
        case 'warning':
          log(`warning: ${e.message}`);
          break;
        case 'plan':
          err.write('\r\x1b[K');
          if (e.download) totalBar = multi.create(Math.max(1, e.download), 0, totals());
          break;
        case 'recognised':
          log(`recognised ${e.track.path}`);
          break;
        case 'skipped':
          if (verbose) log(`skipped ${e.track.path}`);
          break;
        case 'progress': {
          // A bar per transfer under way (jobs waiting for a free connection have no bytes yet).
          if (e.bytes <= 0 && !bars.has(e.track.trackId)) break;
          let bar = bars.get(e.track.trackId);
          if (!bar) {
            bar = multi.create(1, 0, { label: fit(`${who(e.track)} (${e.track.album})`, 34), amount: '', speed: '' });
            bars.set(e.track.trackId, bar);
          }
          if (e.total) bar.setTotal(e.total);
          bar.update(e.bytes, {
            label: fit(`${who(e.track)} (${e.track.album})`, 34),
            amount: `${formatBytes(e.bytes)}${e.total ? `/${formatBytes(e.total)}` : ''}`,
            speed: speedText(e.speed),
          });
          break;
        }
        case 'downloaded':
        case 'failed': {
          const bar = bars.get(e.track.trackId);
          if (bar) multi.remove(bar);
          bars.delete(e.track.trackId);
          if (e.type === 'downloaded') log(`✓ ${e.track.path}${e.track.note ? ` — ${e.track.note}` : ''}`);
          else log(`✗ ${who(e.track)}: ${e.track.reason}`);
          totalBar?.update(c.done + c.failed, totals());
          break;
        }
        case 'stopping':
          log(e.message);
          break;
        default:
          break;
      }
    },
    finish(s) {
      this.stop();
      out.write(`${summaryLines(s, { verbose, formatBytes }).join('\n')}\n`);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      multi.stop();
      err.write('\r\x1b[K');
    },
  };
}
