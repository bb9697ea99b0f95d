// A part file's writer is alive while its process runs (or it runs on another machine, which cannot be asked).
import { isLocalWorkerAlive } from '../base';
import { localWorkerOfPartWriter } from '../library';

/** For the part-file sweeper: a part written by a process that still runs (or on another machine) is in use. */
export function isPartWriterAlive(token: string): boolean {
  const worker = localWorkerOfPartWriter(token);
  return worker === undefined ? true : isLocalWorkerAlive(worker);
}
