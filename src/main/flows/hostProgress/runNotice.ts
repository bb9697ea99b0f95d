// The desktop notification that a playlist run has ended: its name, and what came of it. Pure.
import type { RunSummaryDto } from '../../../shared/contract';
import { describeSummary } from '../missingTracks';

export interface RunNotice {
  title: string;
  body: string;
}

export function runNotice(name: string, run: { state: 'finished' | 'failed'; error: string | null }, summary: RunSummaryDto): RunNotice {
  const title = name.trim() || 'Playlist';
  if (run.state === 'failed') return { title, body: `The analysis stopped: ${run.error ?? 'an unknown error'}. Open the playlist to start it again.` };
  return { title, body: describeSummary(summary) };
}
