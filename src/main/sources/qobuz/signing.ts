// Request signing for track/getFileUrl, the only signed Qobuz call.
import { createHash } from 'node:crypto';

export type QobuzIntent = 'download' | 'stream';

export interface QobuzSignatureInput {
  trackId: number | string;
  formatId: number;
  intent: QobuzIntent;
  /** request_ts exactly as sent (seconds). */
  ts: number | string;
  secret: string;
}

/** md5hex("trackgetFileUrl" + "format_id"F + "intent"I + "track_id"T + ts + secret): sign exactly what is sent. */
export function qobuzSignature(i: QobuzSignatureInput): string {
  const raw = `trackgetFileUrlformat_id${i.formatId}intent${i.intent}track_id${i.trackId}${i.ts}${i.secret}`;
  return createHash('md5').update(raw).digest('hex');
}
