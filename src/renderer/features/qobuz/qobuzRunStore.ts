// The live Qobuz sync as the page shows it (progress state, not server data), fed by pushed events in
// app/useLiveUpdates.ts; the folds live in qobuzRun.ts.
import { create } from 'zustand';
import type { QueueRow } from '../../../shared/contract';
import { emptyRun, runWithProgress, runWithRows, type QobuzRun, type SyncJobProgress } from './qobuzRun';

interface QobuzRunState {
  run: QobuzRun;
  /** The user pressed Start: forget the previous run. */
  begin(): void;
  applyProgress(p: SyncJobProgress): void;
  applyRows(rows: readonly QueueRow[]): void;
}

export const useQobuzRunStore = create<QobuzRunState>((set, get) => ({
  run: emptyRun,
  begin: () => set({ run: emptyRun }),
  applyProgress: (p) => {
    const next = runWithProgress(get().run, p);
    if (next !== get().run) set({ run: next });
  },
  applyRows: (rows) => {
    const next = runWithRows(get().run, rows);
    if (next !== get().run) set({ run: next });
  },
}));
