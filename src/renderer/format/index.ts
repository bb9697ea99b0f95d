export { formatBytes, formatSpeed } from './formatBytes';
export { formatCount } from './formatCount';
export { formatRelativeTime } from './formatRelativeTime';
export { formatCompact } from './formatCompact';
