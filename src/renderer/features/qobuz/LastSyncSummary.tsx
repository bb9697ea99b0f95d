// The last run's outcome: what was downloaded, already there, recognised or failed; up to date; why it stopped;
// or why it failed.
import type { QobuzStatusDto } from '../../../shared/contract';
import { ErrorNotice, Icon, StatList } from '../../components';
import { formatCount } from '../../format';
import { hrefFor } from '../../app/route';
import { plural, sentence, STOP_LABELS } from './labels';

type LastSync = NonNullable<QobuzStatusDto['lastSync']>;

export function LastSyncSummary({ last }: { last: LastSync }) {
  return (
    <section className="last-sync" aria-labelledby="last-sync-heading">
      <div className="last-sync-head">
        <h3 id="last-sync-heading" className="subheading">
          Last sync
        </h3>
        <span className="muted">
          Finished {finishedAt(last.finishedAt)} · into <code className="path">{last.folder}</code>
        </span>
      </div>
      {last.error ? (
        <ErrorNotice title="The sync failed" message={sentence(last.error)} />
      ) : (
        <>
          {last.upToDate ? (
            <p className="note note-success" role="status">
              <Icon name="check" />
              <span>Up to date: every purchase is already in the folder. Nothing was downloaded.</span>
            </p>
          ) : (
            <p role="status" className="last-sync-line">
              {formatCount(last.downloaded)} {plural(last.downloaded, 'track')} downloaded
              {last.failed ? `, ${formatCount(last.failed)} failed` : ''}.
            </p>
          )}
          <StatList
            label="Last sync results"
            stats={[
              { label: 'Downloaded', value: last.downloaded, tone: 'success' },
              { label: 'Already there', value: last.skipped, hint: 'Files already in the folder, kept as they are' },
              { label: 'Recognised', value: last.recognised, tone: 'info', hint: 'Files found in the folder under another name, adopted without downloading' },
              { label: 'Failed', value: last.failed, tone: 'danger' },
            ]}
          />
          {last.stopped ? (
            <p className="note note-warning">
              <Icon name="alert" />
              <span>{STOP_LABELS[last.stopped]}</span>
            </p>
          ) : null}
          {last.failed ? (
            <p className="muted">
              Failed tracks are in <a href={hrefFor({ page: 'downloads', view: 'queued' })}>Downloads → Queued</a> with their
              reasons while Cassette will retry them, and under <a href={hrefFor({ page: 'downloads', view: 'failed' })}>Failed</a>{' '}
              once it has given up.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A clock time (never goes stale on screen, unlike "2 min ago"): "at 15:42" today, "on 3 Mar 2026, 15:42" before. */
function finishedAt(at: number): string {
  const d = new Date(at);
  return d.toDateString() === new Date().toDateString() ? `at ${timeOfDay.format(d)}` : `on ${dayAndTime.format(d)}`;
}
