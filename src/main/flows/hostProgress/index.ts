// Public face of what the host shows outside the window: the tray tooltip, the taskbar progress and the desktop
// notifications, from the queue and the playlist runs.
export { HostProgress, type HostProgressDeps } from './hostProgress';
export { describeActivity, SUMMARY_MAX, type Activity, type PlaylistActivity, type QueueActivity } from './describeActivity';
export { runNotice, type RunNotice } from './runNotice';
