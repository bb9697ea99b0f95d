// Fairness on a shared host: per-user requests per day and queue size.
import type { QueueStore } from './queueStore';

export interface UserLimits {
  maxRequestsPerDay: number;
  maxQueueSize: number;
}

export const DEFAULT_USER_LIMITS: UserLimits = { maxRequestsPerDay: 200, maxQueueSize: 500 };

export interface LimitsReport extends UserLimits {
  user: string;
  requestsToday: number;
  queued: number;
  remainingToday: number;
  remainingQueue: number;
}

export function userLimitsReport(store: QueueStore, user: string, limits: UserLimits, now: number): LimitsReport {
  const usage = store.userUsage(user, now - 24 * 60 * 60 * 1000);
  return {
    user,
    ...limits,
    requestsToday: usage.requestsSince,
    queued: usage.active,
    remainingToday: Math.max(0, limits.maxRequestsPerDay - usage.requestsSince),
    remainingQueue: Math.max(0, limits.maxQueueSize - usage.active),
  };
}

/** Why a new request of `size` tracks would exceed the limits, or undefined when it fits. */
export function limitViolation(report: LimitsReport, size: number): string | undefined {
  if (report.remainingToday < 1) return `Daily limit reached: ${report.maxRequestsPerDay} requests per 24 hours.`;
  if (report.remainingQueue < size)
    return `Queue limit reached: at most ${report.maxQueueSize} of your tracks may wait at once (${report.queued} waiting, this request adds ${size}).`;
  return undefined;
}
