// The state of each download source as the user needs to see it: set up or not, reachable or not (from the last
// connection check), and how many requests wait for it. Queue rows and the top bar take their "why it waits"
// from here; the host's log says it once per change.
import type { ConnectionTestDto, QueueRow, SourceStateDto } from '../../shared/contract';
import type { Clock, Logger } from '../base';
import type { SourceId } from '../base';

export type DownloadSourceId = SourceStateDto['source'];
export const DOWNLOAD_SOURCE_IDS: readonly DownloadSourceId[] = ['slskd', 'tickets', 'qobuz'];
export const SOURCE_LABELS: Record<DownloadSourceId, string> = { slskd: 'Soulseek (slskd)', tickets: 'Ticket service', qobuz: 'Qobuz' };

export interface SourceStatesDeps {
  clock: Clock;
  logger: Logger;
  isConfigured(source: DownloadSourceId): boolean;
  defaultSource(): SourceId;
  /** Requests waiting or running, per source. */
  activeBySource(): Record<string, number>;
  /** A real connection check of a configured source. */
  probe(source: DownloadSourceId): Promise<ConnectionTestDto>;
  onChange(states: SourceStateDto[]): void;
}

interface Checked {
  result: ConnectionTestDto;
  at: number;
}

export class SourceStates {
  private readonly checked = new Map<DownloadSourceId, Checked>();
  private readonly logged = new Map<DownloadSourceId, string>();
  private readonly inFlight = new Map<DownloadSourceId, Promise<void>>();
  private closed = false;

  constructor(private readonly d: SourceStatesDeps) {}

  list(): SourceStateDto[] {
    const active = this.d.activeBySource();
    const def = this.d.defaultSource();
    return DOWNLOAD_SOURCE_IDS.map((source) => {
      const configured = this.d.isConfigured(source);
      const c = configured ? this.checked.get(source) : undefined;
      const label = SOURCE_LABELS[source];
      return {
        source,
        label,
        configured,
        reachable: c ? c.result.ok : null,
        problem: configured ? (c?.result.problem ?? null) : 'not_configured',
        message: !configured ? `${label} is not set up.` : c ? c.result.message : 'Not checked yet.',
        checkedAt: c?.at ?? null,
        waiting: active[source] ?? 0,
        isDefault: def === source,
      };
    });
  }

  /** Why a waiting row cannot run now, or null when its source can run it (or the row does not wait). */
  waitingFor(row: Pick<QueueRow, 'status' | 'source'>): QueueRow['waiting'] {
    if (row.status !== 'pending' && row.status !== 'retry_waiting') return null;
    const source = row.source;
    const label = SOURCE_LABELS[source];
    if (!this.d.isConfigured(source)) {
      return { reason: 'not_configured', message: `Waits for ${label}, which is not set up: open Settings to connect it.` };
    }
    const c = this.checked.get(source);
    if (c && !c.result.ok) return { reason: 'unreachable', message: `Waits for ${label}: ${c.result.message}` };
    return null;
  }

  /** Checks one source (or forgets its state when it is no longer configured), then tells listeners. */
  async check(source: DownloadSourceId): Promise<void> {
    if (this.closed) return;
    const running = this.inFlight.get(source);
    if (running) return running;
    const run = (async () => {
      if (this.d.isConfigured(source)) {
        const result = await this.d.probe(source).catch(
          (e: unknown): ConnectionTestDto => ({ ok: false, problem: 'unreachable', message: e instanceof Error ? e.message : String(e), detail: null }),
        );
        // A source the host built itself (tests, the demo) has no saved settings to check: its state stays unknown.
        if (result.problem === 'not_configured') this.checked.delete(source);
        else this.checked.set(source, { result, at: this.d.clock.now() });
      } else {
        this.checked.delete(source);
      }
      this.changed();
    })().finally(() => this.inFlight.delete(source));
    this.inFlight.set(source, run);
    return run;
  }

  async checkAll(): Promise<void> {
    await Promise.all(DOWNLOAD_SOURCE_IDS.map((s) => this.check(s)));
  }

  /** Records a check made elsewhere (the Settings page's Test connection on the saved values). */
  record(source: DownloadSourceId, result: ConnectionTestDto): void {
    this.checked.set(source, { result, at: this.d.clock.now() });
    this.changed();
  }

  /** After the core closed: checks still in flight end quietly (the catalog they would count is gone). */
  close(): void {
    this.closed = true;
  }

  /** Tells listeners (rows, counts and configuration may have changed). */
  changed(): void {
    if (this.closed) return;
    const states = this.list();
    this.logChanges(states);
    this.d.onChange(states);
  }

  /** One log line per source whose requests wait for a reason, each time that reason changes. */
  private logChanges(states: SourceStateDto[]): void {
    for (const s of states) {
      const reason = s.waiting > 0 && s.problem ? `${s.problem}:${s.message}` : '';
      if ((this.logged.get(s.source) ?? '') === reason) continue;
      this.logged.set(s.source, reason);
      if (!reason) continue;
      const n = `${s.waiting} ${s.waiting === 1 ? 'download waits' : 'downloads wait'}`;
      this.d.logger.warn(
        s.configured ? `${n} for ${s.label}: ${s.message}` : `${n} for ${s.label}, which is not set up: open Settings to connect it.`,
      );
    }
  }
}
