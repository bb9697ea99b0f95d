// Reads slskd's transfer state flag strings ("Queued, Remotely", "Completed, Rejected") into something we can act on.

export type TransferOutcome = 'Succeeded' | 'Cancelled' | 'TimedOut' | 'Errored' | 'Rejected' | 'Aborted';

export interface TransferStateInfo {
  flags: ReadonlySet<string>;
  terminal: boolean;
  outcome?: TransferOutcome;
  queued: boolean;
}

const OUTCOMES: TransferOutcome[] = ['Succeeded', 'Cancelled', 'TimedOut', 'Errored', 'Rejected', 'Aborted'];

export function parseTransferState(state: string): TransferStateInfo {
  const flags = new Set(
    state
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const terminal = flags.has('Completed');
  const outcome = terminal ? (OUTCOMES.find((o) => flags.has(o)) ?? 'Errored') : undefined;
  return { flags, terminal, outcome, queued: flags.has('Queued') };
}
