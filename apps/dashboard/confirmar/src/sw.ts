/**
 * Service worker of the confirmation page (scope /confirmar/). Built on its own as a classic script
 * (confirmar/vite-plugin.mjs), with the list of files the page loads injected at build time:
 *  - install: precache that shell (HTML, script, style, icon) under a versioned cache name;
 *  - fetch: the page (any ?c=) and its files cache-first (hashed files never change; the HTML's
 *    version is the SW's); the API is left to the page (it keeps its own data in IndexedDB);
 *  - sync (Background Sync): send the outbox even when the page is closed, then tell open pages.
 */
import { SYNC_TAG, syncOutbox } from './sync';

declare const __PRECACHE__: string[];
declare const __VERSION__: string;

// The DOM library types have no service worker scope: the few parts used here, typed locally.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface SyncEvent extends ExtendableEvent {
  tag: string;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void>; matchAll(options?: { type?: string }): Promise<Array<{ postMessage(message: unknown): void }>> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'sync', listener: (event: SyncEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const CACHE_PREFIX = 'minka-confirmar-';
const CACHE = `${CACHE_PREFIX}${__VERSION__}`;
const SHELL = '/confirmar/';
const precached = new Set(__PRECACHE__.map((path) => new URL(path, worker.location.origin).href));

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `reload`: bypass the HTTP cache so the shell stored here is the one this version was built with.
      .then((cache) => cache.addAll(__PRECACHE__.map((path) => new Request(path, { cache: 'reload' }))))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (request.mode === 'navigate' && url.pathname.startsWith(SHELL)) {
    event.respondWith(shellThenNetwork(request));
    return;
  }
  if (precached.has(url.href)) event.respondWith(cacheThenNetwork(request));
});

/**
 * The page, whatever ?c= it was opened with: the precached shell first (offline-first, and always the
 * HTML that matches the precached script), the network only if the cache is missing. New releases
 * arrive through the service worker update check the browser makes on each visit.
 */
async function shellThenNetwork(request: Request): Promise<Response> {
  const cached = await caches.match(SHELL, { cacheName: CACHE, ignoreSearch: true });
  return cached ?? fetch(request);
}

async function cacheThenNetwork(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: CACHE });
  return cached ?? fetch(request);
}

worker.addEventListener('sync', (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    syncOutbox().then(async (report) => {
      for (const client of await worker.clients.matchAll({ type: 'window' })) client.postMessage({ type: 'outbox-synced' });
      // Rejecting asks the browser to retry the sync later (it backs off on its own).
      if (report.offline) throw new Error('still offline');
    }),
  );
});
