// A backup or restore job: live progress while it runs, then how it ended.
import type { BackupJobDto } from '../../../shared/contract';
import { Icon, ProgressBar } from '../../components';
import { JOB_STATE } from './labels';

export function JobProgress({ job }: { job: BackupJobDto }) {
  const what = job.kind === 'backup' ? 'Backup' : 'Restore';
  if (job.state === 'running') {
    const determinate = job.total > 0;
    return (
      <div className="job-live" role="status" aria-label={`${what} of ${job.account} running`}>
        <div className="job-live-head">
          <span className="spinner spinner-accent" aria-hidden="true" />
          <strong>{what} running{job.scheduled ? ' (scheduled)' : ''}</strong>
          <span className="muted job-live-message">{job.message}</span>
        </div>
        <ProgressBar
          value={determinate ? job.done : null}
          max={job.total}
          label={`${what} progress`}
          valueText={determinate ? `${job.done} of ${job.total}` : job.message}
        />
      </div>
    );
  }
  const tone = job.state === 'complete' ? 'success' : 'warning';
  return (
    <div className={`note note-${tone} job-result`} role="status" aria-label={`${what} ${JOB_STATE[job.state].toLowerCase()}`}>
      <Icon name={job.state === 'complete' ? 'check' : 'alert'} />
      <div className="notice-body">
        <strong>
          {what} {JOB_STATE[job.state].toLowerCase()}
          {job.scheduled ? ' (scheduled)' : ''}
        </strong>
        <span>{job.message}</span>
        {job.error ? <span className="job-error">{job.error}</span> : null}
      </div>
    </div>
  );
}
