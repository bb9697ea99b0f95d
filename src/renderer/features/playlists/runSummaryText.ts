// The end-of-run summary as the dashboard modal words it (the numbers come from the core's RunSummary, the same
// ones the desktop notification reads). Pure.
import type { RunSummaryDto } from '../../../shared/contract';

export interface SummaryPart {
  label: string;
  value: number;
  tone: 'success' | 'info' | 'warning' | 'muted';
}

/** Downloaded and already owned always; failed, not downloaded and awaiting review when there are any. */
export function summaryParts(s: RunSummaryDto): SummaryPart[] {
  const parts: SummaryPart[] = [
    { label: 'downloaded', value: s.downloaded, tone: 'success' },
    { label: 'already owned', value: s.alreadyOwned, tone: 'success' },
  ];
  if (s.failed) parts.push({ label: 'failed', value: s.failed, tone: 'warning' });
  if (s.notDownloaded) parts.push({ label: 'not downloaded (cancelled)', value: s.notDownloaded, tone: 'muted' });
  if (s.review) parts.push({ label: 'awaiting review', value: s.review, tone: 'warning' });
  if (s.ignored) parts.push({ label: 'ignored', value: s.ignored, tone: 'muted' });
  return parts;
}

/** The summary shows once the analysis finished and none of the playlist's downloads is queued or running. */
export const showSummary = (state: string | undefined, s: RunSummaryDto | null | undefined): s is RunSummaryDto => state === 'finished' && Boolean(s?.ended);
