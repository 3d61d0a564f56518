/**
 * Worker-thread entry for `solveInWorker`. Receives the problem through
 * `workerData`, solves it and posts back a `WorkerReply`.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { solve } from './solver';
import type { Problem, Solution, SolveOptions } from './types';

export interface WorkerRequest {
  problem: Problem;
  options: Omit<SolveOptions, 'signal'>;
  /** Int32 cancellation flag shared with the caller. */
  cancel: SharedArrayBuffer;
}

export type WorkerReply = { ok: true; solution: Solution } | { ok: false; name: string; message: string };

if (!isMainThread && parentPort) {
  const port = parentPort;
  const req = workerData as WorkerRequest;
  let reply: WorkerReply;
  try {
    reply = { ok: true, solution: solve(req.problem, { ...req.options, cancelFlag: new Int32Array(req.cancel) }) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { ok: false, name: err.name, message: err.message };
  }
  port.postMessage(reply);
}
