// Restore a run into a signed-in account: choose the target, see the plan first (likes to add, playlists to
// create, complete or re-follow, what cannot be restored and why), then restore with live progress.
import { useId, useState } from 'react';
import type { BackupJobDto, RestoreReportDto, SpotifyAccountDto } from '../../../shared/contract';
import { Button, ErrorNotice, StatList } from '../../components';
import { JobProgress } from './JobProgress';
import { plural, RESTORE_ACTION } from './labels';
import { useRestorePlan, useStartRestore } from './backupsQueries';

export function RestorePanel({ run, accounts, jobs }: { run: string; accounts: SpotifyAccountDto[]; jobs: BackupJobDto[] }) {
  const selectId = useId();
  // Into another account by default: restoring a run into the account it came from is rarely what is meant.
  const owner = run.split('/')[0];
  const [target, setTarget] = useState((accounts.find((a) => a.userId !== owner) ?? accounts[0])?.account ?? '');
  // What the panel shows below the controls: the last thing asked for (a fresh preview, or the restore).
  const [showing, setShowing] = useState<'plan' | 'restore'>('plan');
  const plan = useRestorePlan();
  const start = useStartRestore();
  const job = jobs.find((j) => j.kind === 'restore' && j.account === target && j.run === run);
  const planned = plan.data && plan.variables?.run === run && plan.variables.account === target ? plan.data : undefined;
  if (!accounts.length) return <p className="muted">Sign in to a Spotify account (Settings → Spotify) to restore this run into it.</p>;
  return (
    <section className="restore-panel" aria-label="Restore">
      <h3 className="subheading">Restore</h3>
      <div className="restore-controls">
        <div className="field">
          <label className="field-label" htmlFor={selectId}>
            Restore into
          </label>
          <select id={selectId} className="select" value={target} onChange={(e) => setTarget(e.target.value)}>
            {accounts.map((a) => (
              <option key={a.account} value={a.account}>
                {a.account} — {a.displayName}
              </option>
            ))}
          </select>
        </div>
        <Button icon="eye" busy={plan.isPending} onClick={() => {
            setShowing('plan');
            plan.mutate({ run, account: target });
          }}>
          Preview restore
        </Button>
        {planned ? (
          <Button variant="primary" icon="upload" busy={start.isPending} disabled={job?.state === 'running'} onClick={() => {
            setShowing('restore');
            start.mutate({ run, account: target });
          }}>
            Restore into {target}
          </Button>
        ) : null}
      </div>
      {plan.error ? <ErrorNotice title="No plan" message={plan.error.message} /> : null}
      {start.error ? <ErrorNotice title="The restore did not start" message={start.error.message} /> : null}
      {job && (showing === 'restore' || job.state === 'running') ? <JobProgress job={job} /> : null}
      {showing === 'restore' && job?.restore ? (
        <RestoreSummary report={job.restore} title="Restore result" />
      ) : planned && !plan.isPending ? (
        <RestoreSummary report={planned} title="Plan" />
      ) : null}
    </section>
  );
}

function RestoreSummary({ report, title }: { report: RestoreReportDto; title: string }) {
  const dry = report.dryRun;
  return (
    <section className="restore-summary" aria-label={title}>
      <h4>{title}</h4>
      <StatList
        label={title}
        stats={[
          { label: dry ? 'Likes to add' : 'Likes added', value: report.likesAdded, tone: 'success' },
          { label: 'Likes already there', value: report.likesAlreadyThere },
          { label: dry ? 'Playlists to create' : 'Playlists created', value: report.playlistsCreated, tone: 'info' },
          { label: dry ? 'Items to add' : 'Items added', value: report.itemsAdded, tone: 'success' },
          { label: dry ? 'To re-follow' : 'Re-followed', value: report.followed, tone: 'info' },
          { label: 'Cannot restore', value: report.unrestorable, tone: 'warning' },
        ]}
      />
      {report.playlists.length ? (
        <ul className="restore-plan-list" aria-label={`${title}: playlists`}>
          {report.playlists.map((p) => (
            <li key={p.id} className="restore-plan-row">
              <span className={`chip chip-plan chip-plan-${p.action}`}>{RESTORE_ACTION[p.action]}</span>
              <span className="restore-plan-name">{p.name}</span>
              {p.itemsToAdd ? <span className="muted tabular">+{plural(p.itemsToAdd, 'item')}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {report.unrestorableItems.length ? (
        <details className="unrestorable">
          <summary>{plural(report.unrestorableItems.length, 'item')} cannot be restored</summary>
          <ul>
            {report.unrestorableItems.map((u, i) => (
              <li key={i}>
                <strong>{u.where}</strong>: {u.item} — <span className="muted">{u.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {report.filesSkipped.length || report.writeFailures.length ? (
        <div className="note note-warning" role="note">
          <div className="notice-body">
            {report.filesSkipped.map((f) => (
              <span key={f.file}>Skipped {f.file}: {f.reason}</span>
            ))}
            {report.writeFailures.map((f, i) => (
              <span key={i}>Failed {f.what}: {f.reason}</span>
            ))}
          </div>
        </div>
      ) : null}
    </section>
  );
}
