// Progress of the running folder import, fed by `job.progress` events (UI/progress state, not server data).
import { create } from 'zustand';
import type { EventPayload } from '../../../shared/contract';

export type JobProgress = EventPayload<'job.progress'>;

interface ImportJobState {
  progress: JobProgress | null;
  setProgress(p: JobProgress | null): void;
}

export const useImportJobStore = create<ImportJobState>((set) => ({
  progress: null,
  setProgress: (progress) => set({ progress }),
}));
