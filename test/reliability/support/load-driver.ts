import { randomUUID } from 'node:crypto';

export interface Job {
  id: number;
  key: string;
  method: string;
  path: string;
  body: unknown;
  token: string;
  attempts: number;
  acknowledged: boolean;
  statuses: number[];
}

export interface DriverResult {
  sent: number;
  acknowledged: number;
  conflictsAfterCommit: number;
  unfinished: number;
  serverErrors: number;
}

export function makeJobs(count: number, build: (i: number) => { method: string; path: string; body: unknown; token: string }): Job[] {
  return Array.from({ length: count }, (_, i) => ({ ...build(i), id: i, key: `load-${randomUUID()}`, attempts: 0, acknowledged: false, statuses: [] }));
}

/**
 * Bounded load: `concurrency` workers send every job until it is acknowledged (2xx), retrying with
 * the SAME Idempotency-Key on network errors, 409 in-progress and 503 — as a careful client would.
 * Stops after `deadlineMs` whatever happens. `baseUrl()` is read per request (the server may move).
 */
export async function drive(jobs: Job[], baseUrl: () => string, options: { concurrency: number; deadlineMs: number; onAck?: (acked: number) => void }): Promise<DriverResult> {
  const started = Date.now();
  let sent = 0;
  let acked = 0;
  let serverErrors = 0;
  let conflictsAfterCommit = 0;
  const queue = [...jobs];
  const worker = async (): Promise<void> => {
    while (queue.length > 0 && Date.now() - started < options.deadlineMs) {
      const job = queue.shift() as Job;
      job.attempts++;
      sent++;
      let status = 0;
      let code = '';
      try {
        const res = await fetch(`${baseUrl()}${job.path}`, {
          method: job.method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}`, 'idempotency-key': job.key },
          body: JSON.stringify(job.body),
          signal: AbortSignal.timeout(10_000),
        });
        status = res.status;
        const text = await res.text();
        if (status >= 400) code = (JSON.parse(text) as { code?: string }).code ?? '';
      } catch {
        // connection refused / reset while the server restarts: status stays 0, retried below
      }
      job.statuses.push(status);
      if (status >= 200 && status < 300) {
        job.acknowledged = true;
        acked++;
        options.onAck?.(acked);
        continue;
      }
      if (status >= 500 && status !== 503) serverErrors++;
      // A conflict that is not "in progress" on a retry means an earlier attempt committed without its key.
      if (status === 409 && code !== 'IDEMPOTENCY_REQUEST_IN_PROGRESS') conflictsAfterCommit++;
      else {
        await new Promise((r) => setTimeout(r, 50 + Math.min(job.attempts, 10) * 30));
        queue.push(job);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  return { sent, acknowledged: acked, conflictsAfterCommit, unfinished: jobs.filter((j) => !j.acknowledged).length, serverErrors };
}
