/**
 * The device's own storage (IndexedDB), shared by the page and the service worker:
 *  - `stops`: what to confirm, per code, as last fetched (so the form opens with no signal);
 *  - `outbox`: confirmations waiting to reach the server, one per code, each with the
 *    Idempotency-Key generated on the device when the person tapped "Confirmar";
 *  - `done`: codes the server has confirmed (so a later visit shows "confirmado", not the form).
 */
import type { ConfirmationBody, Problem, PublicStop } from './api';

export interface CachedStop {
  code: string;
  stop: PublicStop;
  fetchedAt: string;
}

export type OutboxStatus = 'pending' | 'error';

export interface OutboxItem {
  code: string;
  /** Idempotency-Key, generated on the device at the tap; a retry of the same item reuses it. */
  key: string;
  body: ConfirmationBody;
  communityName: string;
  /** Kit names per line id, to show what is queued without the server. */
  kitNames: Record<string, string>;
  status: OutboxStatus;
  createdAt: string;
  attempts: number;
  /** The server's problem+json when it refused the confirmation (status `error`). */
  problem?: Problem;
}

export interface DoneItem {
  code: string;
  communityName: string;
  confirmedAt: string;
  /** True when the server said someone had already confirmed this stop (409). */
  already: boolean;
}

const DB_NAME = 'minka-confirmar';
type StoreName = 'stops' | 'outbox' | 'done';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const name of ['stops', 'outbox', 'done'] as const) {
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: 'code' });
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab or the service worker upgrading: let it, and reopen next time.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('indexedDB.open failed'));
    };
  });
  return opening;
}

function run<T>(store: StoreName, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(store, mode);
        const request = work(tx.objectStore(store));
        // Resolve on commit, not on the request's success: a write is only safe once durable.
        tx.oncomplete = () => resolve(request.result as T);
        tx.onerror = () => reject(tx.error ?? request.error ?? new Error(`${store} transaction failed`));
        tx.onabort = () => reject(tx.error ?? new Error(`${store} transaction aborted`));
      }),
  );
}

export const getCachedStop = (code: string) => run<CachedStop | undefined>('stops', 'readonly', (s) => s.get(code));
export const putCachedStop = (item: CachedStop) => run<unknown>('stops', 'readwrite', (s) => s.put(item));

export const getOutboxItem = (code: string) => run<OutboxItem | undefined>('outbox', 'readonly', (s) => s.get(code));
export const listOutbox = () => run<OutboxItem[]>('outbox', 'readonly', (s) => s.getAll());
export const putOutboxItem = (item: OutboxItem) => run<unknown>('outbox', 'readwrite', (s) => s.put(item));

export const getDone = (code: string) => run<DoneItem | undefined>('done', 'readonly', (s) => s.get(code));
export const listDone = () => run<DoneItem[]>('done', 'readonly', (s) => s.getAll());

/** The item left the outbox for good: record it as done and delete it in one transaction. */
export function markDone(item: OutboxItem, already: boolean): Promise<void> {
  return open().then(
    (db) =>
      new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['outbox', 'done'], 'readwrite');
        tx.objectStore('outbox').delete(item.code);
        const done: DoneItem = { code: item.code, communityName: item.communityName, confirmedAt: new Date().toISOString(), already };
        tx.objectStore('done').put(done);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('markDone failed'));
        tx.onabort = () => reject(tx.error ?? new Error('markDone aborted'));
      }),
  );
}
