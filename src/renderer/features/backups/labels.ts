// Words for run and job states, and the short forms the Backups page shows.
import type { BackupJobDto, BackupRunRowDto } from '../../../shared/contract';

export const RUN_STATUS: Record<BackupRunRowDto['status'], { label: string; tone: 'success' | 'warning' | 'danger' | 'info' }> = {
  complete: { label: 'Complete', tone: 'success' },
  partial: { label: 'Partial', tone: 'warning' },
  paused: { label: 'Paused', tone: 'info' },
  failed: { label: 'Failed', tone: 'danger' },
  interrupted: { label: 'Interrupted', tone: 'danger' },
};

export const JOB_STATE: Record<BackupJobDto['state'], string> = {
  running: 'Running',
  complete: 'Done',
  partial: 'Done with problems',
  failed: 'Failed',
  paused: 'Paused',
};

export const RESTORE_ACTION = {
  create: 'Create',
  complete: 'Complete',
  up_to_date: 'Up to date',
  follow: 'Re-follow',
  already_followed: 'Already followed',
} as const;

export function formatRunTime(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
