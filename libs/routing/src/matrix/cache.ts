import type { GeoPoint, MatrixProvider, MatrixResult } from './types';

/** LRU cache in front of any provider (identical point lists share one request). */
export class CachedMatrixProvider implements MatrixProvider {
  private readonly entries = new Map<string, Promise<MatrixResult>>();

  constructor(
    private readonly inner: MatrixProvider,
    private readonly maxEntries = 64,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  getMatrix(points: readonly GeoPoint[]): Promise<MatrixResult> {
    const key = points.map((p) => `${p.lat},${p.lon},${p.altitude ?? ''},${p.access ?? ''}`).join(';');
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pending = this.inner.getMatrix(points);
    this.entries.set(key, pending);
    // failed requests are not cached
    void pending.catch(() => this.entries.delete(key));
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    return pending;
  }
}
