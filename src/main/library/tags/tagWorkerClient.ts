// Owns the one worker thread that runs node-taglib-sharp: started on first use, jobs matched to replies by id,
// kept alive between jobs but never keeping the process alive while idle.
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { TagWritePlan } from './tagPlan';

const workerUrl = new URL('./tagWorker.mjs', import.meta.url);

const workerReply = z.union([
  z.object({ id: z.number(), ok: z.literal(true) }),
  z.object({ id: z.number(), ok: z.literal(false), error: z.string() }),
]);

interface Pending {
  resolve(): void;
  reject(err: Error): void;
}

class TagWorkerClient {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Applies the plan to the file at `path` (in place) and verifies it by reading it back. */
  run(path: string, plan: TagWritePlan): Promise<void> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, path, plan });
    });
  }

  /** Stops the worker (shutdown, tests). Jobs still running fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerUrl);
    worker.on('message', (message: unknown) => this.settle(message));
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error(`the tag writer stopped unexpectedly (exit code ${code})`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(message: unknown): void {
    const reply = workerReply.safeParse(message);
    if (!reply.success) return;
    const job = this.pending.get(reply.data.id);
    if (!job) return;
    this.pending.delete(reply.data.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (reply.data.ok) job.resolve();
    else job.reject(new Error(reply.data.error));
  }

  private failAll(err: Error): void {
    for (const job of this.pending.values()) job.reject(err);
    this.pending.clear();
  }
}

export const tagWorker = new TagWorkerClient();

/** Stops the tag worker thread; the next writeTags starts a new one. */
export function closeTagWorker(): Promise<void> {
  return tagWorker.close();
}
