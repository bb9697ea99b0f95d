// The end of a playlist run in the dashboard modal: what was downloaded, already owned, failed, awaits review.
import type { RunSummaryDto } from '../../../shared/contract';
import { formatCount } from '../../format';
import { summaryParts } from './runSummaryText';

export function RunSummaryNote({ summary }: { summary: RunSummaryDto }) {
  return (
    <div className={`note ${summary.failed || summary.review ? 'note-warning' : 'note-success'} pl-summary`} role="status" aria-label="Run summary">
      <strong>Done:</strong>
      <ul className="pl-summary-list">
        {summaryParts(summary).map((p) => (
          <li key={p.label} className={`pl-summary-${p.tone}`}>
            <span className="tabular">{formatCount(p.value)}</span> {p.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
