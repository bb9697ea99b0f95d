// One run opened: its files, what changed since the run before it, and the restore (plan first).
import type { BackupJobDto, BackupRunRowDto, SpotifyAccountDto } from '../../../shared/contract';
import { Card, ErrorNotice } from '../../components';
import { formatRunTime, RUN_STATUS } from './labels';
import { RestorePanel } from './RestorePanel';
import { RunDiffView } from './RunDiffView';
import { RunFiles } from './RunFiles';
import { useRunDiff, useRunFiles } from './backupsQueries';

export function RunDetail({ run, previous, owner, accounts, jobs }: {
  run: BackupRunRowDto;
  previous: BackupRunRowDto | null;
  owner: string;
  accounts: SpotifyAccountDto[];
  jobs: BackupJobDto[];
}) {
  const files = useRunFiles(run.id);
  const diff = useRunDiff(previous?.id ?? null, previous ? run.id : null);
  return (
    <Card
      className="run-detail"
      title={`Run of ${formatRunTime(run.startedAt)}`}
      description={
        <>
          {owner} · {RUN_STATUS[run.status].label} · <code className="path">{run.id}</code>
        </>
      }
    >
      {run.pauseReason ? <p className="note note-warning">Paused: {run.pauseReason} Resume it with “Resume” above.</p> : null}
      {run.failure ? <p className="note note-warning">Failed: {run.failure}</p> : null}
      {files.error ? <ErrorNotice title="Couldn't read this run" message={files.error.message} /> : null}
      {files.data ? <RunFiles files={files.data} /> : files.isPending ? <p className="muted">Reading the run…</p> : null}
      {previous ? (
        diff.data ? (
          <>
            <RunDiffView diff={diff.data} previousName={formatRunTime(previous.startedAt)} />
            {run.errors ? <p className="muted">Playlists this run could not read are left out of the comparison.</p> : null}
          </>
        ) : diff.error ? (
          <ErrorNotice title="Couldn't compare with the previous run" message={diff.error.message} />
        ) : (
          <p className="muted">Comparing with the previous run…</p>
        )
      ) : (
        <p className="muted">The first run of this account: nothing to compare with.</p>
      )}
      {run.status === 'interrupted' ? null : <RestorePanel key={run.id} run={run.id} accounts={accounts} jobs={jobs} />}
    </Card>
  );
}
