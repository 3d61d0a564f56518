/**
 * Sends the outbox. Runs in the page (on load, on `online`, after a tap) and in the service worker
 * (Background Sync). Both may start at once: a Web Lock serialises them where available, and the
 * device-generated Idempotency-Key makes any remaining overlap harmless (the server replays the
 * first response, so it still ends with exactly one confirmation).
 */
import { sendConfirmation } from './api';
import { getOutboxItem, listOutbox, markDone, putOutboxItem } from './store';

export const SYNC_TAG = 'minka-confirmations';

export type SyncOutcome = 'confirmed' | 'already' | 'pending' | 'error';

export interface SyncReport {
  outcomes: Record<string, SyncOutcome>;
  /** True when the network itself failed (no point trying the next items now). */
  offline: boolean;
}

export async function syncOutbox(): Promise<SyncReport> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (locks) return locks.request('minka-confirmar-outbox', () => syncUnlocked());
  return syncUnlocked();
}

async function syncUnlocked(): Promise<SyncReport> {
  const report: SyncReport = { outcomes: {}, offline: false };
  const items = await listOutbox();
  for (const listed of items) {
    // Re-read: the page may have replaced the item (edited after a refusal) since the listing.
    const item = await getOutboxItem(listed.code);
    if (!item || item.status !== 'pending') continue;
    const result = await sendConfirmation(item.body, item.key);
    switch (result.kind) {
      case 'confirmed':
        await markDone(item, false);
        report.outcomes[item.code] = 'confirmed';
        break;
      case 'already':
        await markDone(item, true);
        report.outcomes[item.code] = 'already';
        break;
      case 'retry':
        await putOutboxItem({ ...item, attempts: item.attempts + 1, problem: result.problem });
        report.outcomes[item.code] = 'pending';
        if (!result.problem) report.offline = true;
        break;
      case 'refused':
        await putOutboxItem({ ...item, attempts: item.attempts + 1, status: 'error', problem: result.problem });
        report.outcomes[item.code] = 'error';
        break;
      default: {
        const unexpected: never = result;
        throw new Error(`unexpected send result ${String(unexpected)}`);
      }
    }
    if (report.offline) break;
  }
  return report;
}
