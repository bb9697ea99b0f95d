// Which process holds a claim or writes a part file (worker ids are `host:pid`): `host:pid`, alive when the host is this one and the pid
// answers signal 0. Another machine's processes cannot be asked, so they count as alive (their claims are left
// to the stale watchdog).
import { hostname } from 'node:os';

export function thisWorker(): string {
  return `${hostname()}:${process.pid}`;
}

/** `host:pid` names a live process when the host is this one and the pid answers signal 0. */
export function isLocalWorkerAlive(worker: string): boolean {
  const i = worker.lastIndexOf(':');
  const host = worker.slice(0, i);
  const pid = Number(worker.slice(i + 1));
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  return isPidAlive(pid);
}

/** A claim counts as running while its worker lives; another host's worker cannot be checked and counts as alive. */
export function isWorkerRunning(worker: string | null): boolean {
  if (!worker) return false;
  const i = worker.lastIndexOf(':');
  if (i <= 0) return false;
  if (worker.slice(0, i) !== hostname()) return true;
  return isLocalWorkerAlive(worker);
}

function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}
