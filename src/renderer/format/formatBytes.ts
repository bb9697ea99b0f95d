// Human sizes in decimal units (what file managers and download sites show): 8.4 MB, 950 KB/s.
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number | null): string | null {
  return bytesPerSecond === null || bytesPerSecond <= 0 ? null : `${formatBytes(bytesPerSecond)}/s`;
}
