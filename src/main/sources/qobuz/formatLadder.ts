// Pure decisions of the MP3 320 format ladder: which (format, intent) to ask for next, whether a getFileUrl answer
// is usable (previews and refusals are not), and what to tell the user when every rung fails.
import type { DownloadErrorType } from '../../base';
import type { QobuzFileUrl } from './schemas';
import type { QobuzIntent } from './signing';

export interface LadderRung {
  formatId: number;
  intent: QobuzIntent;
}

/** download/5 (MP3 320) → stream/5 (same MP3 through the stream intent) → download/6 (FLAC, transcoded locally). */
export const QOBUZ_MP3_LADDER: readonly LadderRung[] = [
  { formatId: 5, intent: 'download' },
  { formatId: 5, intent: 'stream' },
  { formatId: 6, intent: 'download' },
];

const MP3_320 = 5;
const LOSSLESS = new Set([6, 7, 27]);
/** Qobuz's preview clips are 30 s long. */
const PREVIEW_MAX_SEC = 30;
/** Durations are rounded to whole seconds: a "30 s" file of a 31 s track is the track. */
const PREVIEW_MARGIN_SEC = 2;

export type RungVerdict =
  | { ok: true; rung: LadderRung; url: string; formatId: number; kind: 'mp3' | 'flac'; restrictions: string[] }
  | { ok: false; rung: LadderRung; reason: 'preview' | 'no_url' | 'wrong_format'; restrictions: string[] };

export function rungLabel(r: LadderRung): string {
  return `${r.intent}/${r.formatId}`;
}

export function isPreview(f: QobuzFileUrl, trackDurationSec?: number): boolean {
  if (f.sample === true || f.format_id === 1) return true;
  return (
    f.duration !== undefined &&
    f.duration <= PREVIEW_MAX_SEC &&
    trackDurationSec !== undefined &&
    trackDurationSec - f.duration > PREVIEW_MARGIN_SEC
  );
}

/** Is this answer a full file in a format this rung may use? MP3 is fine anywhere; FLAC only on a FLAC rung. */
export function judgeFileUrl(rung: LadderRung, f: QobuzFileUrl, trackDurationSec?: number): RungVerdict {
  const restrictions = (f.restrictions ?? []).map((r) => r.code);
  if (isPreview(f, trackDurationSec)) return { ok: false, rung, reason: 'preview', restrictions };
  if (!f.url) return { ok: false, rung, reason: 'no_url', restrictions };
  const formatId = f.format_id ?? rung.formatId;
  if (formatId === MP3_320) return { ok: true, rung, url: f.url, formatId, kind: 'mp3', restrictions };
  if (LOSSLESS.has(formatId) && LOSSLESS.has(rung.formatId)) return { ok: true, rung, url: f.url, formatId, kind: 'flac', restrictions };
  return { ok: false, rung, reason: 'wrong_format', restrictions };
}

const FORMAT_NAMES: Record<number, string> = { 5: 'MP3 320', 6: 'FLAC 16/44.1', 7: 'FLAC 24/≤96', 27: 'FLAC 24/>96' };
export const formatName = (id: number): string => FORMAT_NAMES[id] ?? `format ${id}`;

function refusals(failed: RungVerdict[]): string {
  return failed
    .map((v) => `${rungLabel(v.rung)}: ${v.ok ? 'ok' : v.reason.replace('_', ' ')}${v.restrictions.length ? ` (${v.restrictions.join(', ')})` : ''}`)
    .join('; ');
}

/** The note for the file that was fetched: set when it is not a plain download/5 MP3. */
export function ladderNote(chosen: Extract<RungVerdict, { ok: true }>, failed: RungVerdict[]): string | undefined {
  if (chosen.kind === 'flac') {
    return `Qobuz offered no MP3 320 for this purchase (${refusals(failed)}); downloaded ${formatName(chosen.formatId)} and transcoded it locally to MP3 320 CBR.`;
  }
  if (chosen.rung.formatId !== MP3_320) {
    return `Qobuz served MP3 320 when asked for ${formatName(chosen.rung.formatId)}${chosen.restrictions.length ? ` (${chosen.restrictions.join(', ')})` : ''}.`;
  }
  if (chosen.rung.intent !== 'download') {
    return `Qobuz refused the download intent (${refusals(failed)}); fetched the MP3 320 through the stream intent instead.`;
  }
  return undefined;
}

const NOT_ENTITLED = /PurchaseCredentials|Uncredentialed/i;
const RIGHTS = /RightHolders|RightsHolders|RestrictedByRights/i;

/** Why no rung gave a usable file, as a DownloadError type and a message a user can act on. */
export function ladderFailure(trackId: string | number, verdicts: RungVerdict[]): { type: DownloadErrorType; message: string } {
  const codes = [...new Set(verdicts.flatMap((v) => v.restrictions))];
  const tried = refusals(verdicts);
  const named = codes.length ? ` Qobuz's restriction codes: ${codes.join(', ')}.` : '';
  if (codes.some((c) => RIGHTS.test(c))) {
    // Waiting will not bring it back: not_found is never retried automatically.
    return { type: 'not_found', message: `The rights holders withdrew Qobuz track ${trackId}; it cannot be downloaded any more.${named} (${tried})` };
  }
  if (verdicts.length && verdicts.every((v) => !v.ok && (v.reason === 'preview' || v.reason === 'no_url')) && verdicts.some((v) => !v.ok && v.reason === 'preview')) {
    const entitlement = codes.some((c) => NOT_ENTITLED.test(c)) ? ' Qobuz says this account is not entitled to the full track: check the purchase in your Qobuz account.' : '';
    return { type: 'rejected', message: `Qobuz offers only a 30-second preview of track ${trackId}.${entitlement} (${tried})` };
  }
  if (codes.some((c) => NOT_ENTITLED.test(c))) {
    return { type: 'rejected', message: `Qobuz says this account is not entitled to download track ${trackId}.${named} (${tried})` };
  }
  if (codes.length && verdicts.every((v) => !v.ok && v.reason === 'no_url')) {
    return { type: 'rejected', message: `Qobuz refused every format of track ${trackId}.${named} (${tried})` };
  }
  return { type: 'rejected', message: `Qobuz gave no downloadable file for track ${trackId} (${tried}).` };
}
