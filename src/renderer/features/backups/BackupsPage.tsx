// Backups: every backed-up Spotify user with their runs (a lost account's runs stay, without a sign-in), "Back up
// now" with live progress, a run's files, its diff against the run before, and a restore with a preview first.
import { useState } from 'react';
import { hrefFor } from '../../app/route';
import { Button, Card, EmptyState, ErrorNotice } from '../../components';
import { formatRelativeTime } from '../../format';
import { PageHeader } from '../shell';
import { ConsentWarnings } from './ConsentWarnings';
import { JobProgress } from './JobProgress';
import { RunDetail } from './RunDetail';
import { RunList } from './RunList';
import { useBackupsOverview, useStartBackup } from './backupsQueries';
import { plural } from './labels';

const SCHEDULE_TEXT = { off: 'No schedule: back up by hand, or turn on the schedule in Settings → Spotify.', daily: 'Backed up daily while Cassette runs.', weekly: 'Backed up weekly while Cassette runs.' } as const;

export function BackupsPage() {
  const overview = useBackupsOverview();
  const start = useStartBackup();
  const [selected, setSelected] = useState<string | null>(null);
  const o = overview.data;
  const settingsLink = hrefFor({ page: 'settings', section: 'spotify' });
  const owners = o?.owners ?? [];
  const selectedOwner = owners.find((w) => w.runs.some((r) => r.id === selected));
  const index = selectedOwner?.runs.findIndex((r) => r.id === selected) ?? -1;
  const selectedRun = selectedOwner && index >= 0 ? selectedOwner.runs[index] : undefined;
  const previousRun = selectedOwner?.runs.slice(index + 1).find((r) => r.status !== 'interrupted') ?? null;
  return (
    <>
      <PageHeader
        title="Backups"
        subtitle={o ? <>Likes and playlists as plain JSON files in <code className="path">{o.root}</code>.</> : 'Your Spotify likes and playlists, as plain files.'}
      />
      {overview.isError ? <ErrorNotice title="Couldn't load the backups" message={overview.error.message} onRetry={() => void overview.refetch()} /> : null}
      {o ? <ConsentWarnings warnings={o.warnings} /> : null}
      {o && !owners.length ? (
        <EmptyState
          icon="archive"
          title="No Spotify account yet"
          actions={
            <a className="btn btn-primary btn-md" href={settingsLink}>
              Set up Spotify in Settings
            </a>
          }
        >
          <p>Sign in to a Spotify account to back up its Liked Songs and playlists — private ones too — and restore them into another account if it is ever lost.</p>
        </EmptyState>
      ) : null}
      {o && owners.length ? (
        <p className="muted backups-schedule">
          {SCHEDULE_TEXT[o.schedule]}
          {o.nextScheduledAt ? ` Next check ${formatRelativeTime(o.nextScheduledAt)}.` : ''} <a href={settingsLink}>Change</a>
        </p>
      ) : null}
      <div className="stack backups-stack">
        {owners.map((w) => {
          const job = w.account ? o?.jobs.find((j) => j.kind === 'backup' && j.account === w.account) : undefined;
          const running = job?.state === 'running';
          const paused = w.runs[0]?.status === 'paused';
          const name = w.displayName ? `${w.displayName} (${w.userId})` : w.userId;
          return (
            <Card
              key={w.userId}
              title={name}
              description={
                w.account
                  ? `Account ${w.account} · ${plural(w.runs.length, 'run')}`
                  : `Not signed in · ${plural(w.runs.length, 'run')} kept (restore them into a signed-in account)`
              }
              actions={
                w.account ? (
                  <>
                    {paused ? (
                      <Button icon="play" busy={running} onClick={() => start.mutate({ account: w.account!, resume: true })}>
                        Resume
                      </Button>
                    ) : null}
                    <Button variant="primary" icon="archive" busy={running} onClick={() => start.mutate({ account: w.account! })}>
                      Back up now
                    </Button>
                  </>
                ) : null
              }
            >
              {start.error && start.variables?.account === w.account ? <ErrorNotice title="The backup did not start" message={start.error.message} /> : null}
              {job ? <JobProgress job={job} /> : null}
              <RunList runs={w.runs} selected={selected} onSelect={setSelected} label={`Runs of ${name}`} />
            </Card>
          );
        })}
        {selectedRun && selectedOwner && o ? (
          <RunDetail
            run={selectedRun}
            previous={previousRun}
            owner={selectedOwner.displayName ?? selectedOwner.userId}
            accounts={o.accounts}
            jobs={o.jobs}
          />
        ) : null}
      </div>
    </>
  );
}
