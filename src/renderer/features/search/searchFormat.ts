// How the Search page writes lengths, audio facts and peers. Pure.
import type { SearchFileDto, SearchSingleDto } from '../../../shared/contract';
import { formatSpeed } from '../../format';

export function formatLength(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds <= 0) return null;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** "16-bit / 44.1 kHz", "320 kbps", "VBR 245 kbps". */
export function audioFacts(f: Pick<SearchFileDto, 'format' | 'bitRate' | 'bitDepth' | 'sampleRate' | 'isVariableBitRate'>): string | null {
  if (f.format === 'flac') {
    const parts = [f.bitDepth ? `${f.bitDepth}-bit` : null, f.sampleRate ? `${trimZero(f.sampleRate / 1000)} kHz` : null].filter(Boolean);
    return parts.length ? parts.join(' / ') : null;
  }
  if (f.bitRate) return `${f.isVariableBitRate ? 'VBR ' : ''}${Math.round(f.bitRate)} kbps`;
  return null;
}

const trimZero = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function peerSummary(peer: SearchSingleDto['peer']): string {
  const slot = peer.hasFreeUploadSlot ? 'free slot' : `queue ${peer.queueLength}`;
  const speed = formatSpeed(peer.uploadSpeed);
  return [slot, speed].filter(Boolean).join(' · ');
}
