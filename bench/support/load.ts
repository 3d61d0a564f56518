import autocannon from 'autocannon';

/**
 * autocannon with its load generated in a worker thread (`workers: 1`), so the load generator does
 * not share the event loop of the server it measures (the API under test runs in the benchmark's
 * main thread). Same options and result as `autocannon(options)`.
 */
export function runLoad(options: autocannon.Options): Promise<autocannon.Result> {
  return autocannon({ ...options, workers: 1 });
}
