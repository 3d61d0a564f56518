import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AbortError } from './search';
import type { Problem, Solution, SolveOptions } from './types';
import type { WorkerReply, WorkerRequest } from './worker';

/**
 * How to start the worker: the compiled `worker.js` next to this file when
 * running compiled JavaScript (Nest/tsc build), or `worker.ts` through tsx's
 * CommonJS hook when running TypeScript sources (tsx scripts, @swc/jest).
 */
export function workerEntry(): { file: string; execArgv: string[] } {
  const js = join(__dirname, 'worker.js');
  if (__filename.endsWith('.js') && existsSync(js)) return { file: js, execArgv: [] };
  return { file: join(__dirname, 'worker.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };
}

/**
 * Solve in a `worker_threads` worker so the caller's event loop stays free.
 * Rejects with an `AbortError` when `options.signal` aborts (the worker is
 * told to stop and is terminated if it does not within a second).
 */
export function solveInWorker(problem: Problem, options: SolveOptions = {}): Promise<Solution> {
  const { signal, ...rest } = options;
  if (signal?.aborted) return Promise.reject(new AbortError());
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const { file, execArgv } = workerEntry();
  const request: WorkerRequest = { problem, options: rest, cancel };
  const worker = new Worker(file, { workerData: request, execArgv });
  return new Promise<Solution>((resolve, reject) => {
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = (): void => {
      Atomics.store(flag, 0, 1);
      killTimer = setTimeout(() => {
        void worker.terminate();
      }, 1000);
      killTimer.unref();
      finish(() => reject(new AbortError()));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: WorkerReply) => {
      finish(() => {
        if (reply.ok) resolve(reply.solution);
        else {
          const err = reply.name === 'AbortError' ? new AbortError(reply.message) : new Error(reply.message);
          err.name = reply.name;
          reject(err);
        }
      });
    });
    worker.once('error', (err: Error) => finish(() => reject(err)));
    worker.once('exit', (code: number) => {
      if (killTimer) clearTimeout(killTimer);
      finish(() => reject(new Error(`routing worker exited with code ${code}`)));
    });
  });
}
