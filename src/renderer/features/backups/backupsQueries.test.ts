import { describe, expect, it } from 'vitest';
import type { BackupJobDto, BackupsOverviewDto } from '../../../shared/contract';
import { withJob } from './backupsQueries';

const job = (o: Partial<BackupJobDto>): BackupJobDto => ({
  id: 'backup-main-1', kind: 'backup', account: 'main', run: null, scheduled: false, state: 'running', phase: 'likes', done: 0, total: 1,
  message: '', startedAt: 1, finishedAt: null, backup: null, restore: null, error: null, ...o,
});
const overview = (jobs: BackupJobDto[]): BackupsOverviewDto => ({ root: '/r', schedule: 'off', accounts: [], owners: [], jobs, warnings: [], nextScheduledAt: null });

describe('withJob (a pushed backups.job event)', () => {
  it('replaces the job of the same kind and account, keeps the others', () => {
    const restore = job({ id: 'restore-main-2', kind: 'restore' });
    const next = withJob(overview([job({}), restore]), job({ done: 1, phase: 'playlists' }));
    expect(next.jobs).toEqual([restore, job({ done: 1, phase: 'playlists' })]);
  });

  it('a late progress event of a job never undoes its end', () => {
    const ended = overview([job({ state: 'complete', phase: 'done', finishedAt: 5 })]);
    expect(withJob(ended, job({ phase: 'playlists' }))).toBe(ended);
  });

  it('a new job of the account replaces the finished one', () => {
    const ended = overview([job({ state: 'failed' })]);
    expect(withJob(ended, job({ id: 'backup-main-3' })).jobs).toEqual([job({ id: 'backup-main-3' })]);
  });
});
