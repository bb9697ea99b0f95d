// Backups as server data: the overview (accounts, runs, jobs, warnings), a run's files, a diff, a restore plan.
// Jobs change through pushed backups.job events (applyBackupJob), never by polling.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { BackupJobDto, BackupsOverviewDto, SpotifySignInStateDto } from '../../../shared/contract';
import { request, useApi } from '../../api';

export const backupsKey = ['backups.list'] as const;
export const spotifyAccountsKey = ['spotify.accounts'] as const;

export function useBackupsOverview() {
  const api = useApi();
  return useQuery({ queryKey: backupsKey, queryFn: () => request(api, 'backups.list') });
}

export function useSpotifyAccounts() {
  const api = useApi();
  return useQuery({ queryKey: spotifyAccountsKey, queryFn: () => request(api, 'spotify.accounts') });
}

export function useRunFiles(run: string | null) {
  const api = useApi();
  return useQuery({ queryKey: ['backups.files', run], queryFn: () => request(api, 'backups.files', { run: run! }), enabled: run !== null });
}

export function useRunDiff(runA: string | null, runB: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['backups.diff', runA, runB],
    queryFn: () => request(api, 'backups.diff', { runA: runA!, runB: runB! }),
    enabled: runA !== null && runB !== null,
  });
}

export function useRestorePlan() {
  const api = useApi();
  return useMutation({ mutationFn: (input: { run: string; account: string }) => request(api, 'restore.plan', input) });
}

export function useStartBackup() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { account: string; resume?: boolean }) =>
      input.resume ? request(api, 'backups.resume', { account: input.account }) : request(api, 'backups.run', { account: input.account }),
    onSuccess: (job) => applyBackupJob(queryClient, job),
  });
}

export function useStartRestore() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { run: string; account: string }) => request(api, 'restore.start', input),
    onSuccess: (job) => applyBackupJob(queryClient, job),
  });
}

/** The overview with `job` in place of the job of the same kind and account (pure: what a pushed event does). */
export function withJob(overview: BackupsOverviewDto, job: BackupJobDto): BackupsOverviewDto {
  const others = overview.jobs.filter((j) => !(j.kind === job.kind && j.account === job.account));
  const current = overview.jobs.find((j) => j.kind === job.kind && j.account === job.account);
  // An older event of the same job (or of a job it replaced) never wins over a newer one.
  if (current && current.id === job.id && current.state !== 'running' && job.state === 'running') return overview;
  return { ...overview, jobs: [...others, job] };
}

export function applyBackupJob(queryClient: QueryClient, job: BackupJobDto): void {
  const before = queryClient.getQueryData<BackupsOverviewDto>(backupsKey);
  if (before) queryClient.setQueryData(backupsKey, withJob(before, job));
  // A job that ended wrote a run (backup) or changed an account (restore): the runs on disk are read again.
  if (job.state !== 'running') void queryClient.invalidateQueries({ queryKey: backupsKey });
}

export function applySignIn(queryClient: QueryClient, _state: SpotifySignInStateDto): void {
  void queryClient.invalidateQueries({ queryKey: spotifyAccountsKey });
  void queryClient.invalidateQueries({ queryKey: backupsKey });
}
