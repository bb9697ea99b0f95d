import type { DownloadErrorType, SourceId } from '../base';

export type QueueStatus = 'pending' | 'in_progress' | 'retry_waiting' | 'completed' | 'failed' | 'cancelled';
export type Priority = 1 | 2 | 3 | 4;
export const PRIORITY = { urgent: 1, user: 2, expansion: 3, background: 4 } as const;
export type RequestSource = 'user' | 'watchdog' | 'playlist' | 'matched' | 'sync' | 'reconcile';

export interface QueueItem {
  id: number;
  parent_id: number | null;
  kind: 'track' | 'album';
  track_id: number | null;
  album_id: number | null;
  status: QueueStatus;
  priority: Priority;
  source: SourceId;
  request_source: RequestSource;
  requested_by: string;
  sort_at: number;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  last_attempt_at: number | null;
  next_retry_at: number | null;
  heartbeat_at: number | null;
  retry_count: number;
  max_retries: number;
  error_type: DownloadErrorType | null;
  error_message: string | null;
  external_ref: string | null;
  bytes_total: number | null;
  bytes_downloaded: number;
  detail: string | null;
  destination_path: string | null;
  processing_ms: number | null;
  tried: string;
  /** `host:pid` of the process holding an in-progress item. */
  worker: string | null;
}

export interface EnqueueTrackInput {
  trackId: number;
  source: SourceId;
  priority?: Priority;
  requestSource?: RequestSource;
  requestedBy?: string;
  destinationPath?: string;
  parentId?: number;
  sortAt?: number;
  maxRetries?: number;
  /** The source's reference from the start, e.g. the one peer file a request is pinned to. */
  externalRef?: string;
}
