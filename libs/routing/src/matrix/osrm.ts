import { GreatCircleMatrixProvider } from './great-circle';
import type { GeoPoint, Logger, MatrixProvider, MatrixResult } from './types';

export interface OsrmOptions {
  /** e.g. http://osrm.internal:5000 (the API passes ROUTING_OSRM_URL). */
  baseUrl: string;
  /** OSRM profile in the URL. Default 'driving'. */
  profile?: string;
  /** Request timeout. Default 10 s. */
  timeoutMs?: number;
  /** Used when OSRM fails or times out. Default: GreatCircleMatrixProvider with defaults. */
  fallback?: MatrixProvider;
  logger?: Logger;
  /** Injected for tests; defaults to global fetch. */
  fetchFn?: typeof fetch;
}

interface OsrmTableResponse {
  code?: string;
  message?: string;
  durations?: (number | null)[][];
  distances?: (number | null)[][];
}

/**
 * Road matrices from an OSRM server's `/table` service
 * (`/table/v1/{profile}/{lon,lat;…}?annotations=duration,distance`).
 * Pairs OSRM cannot route (null) become Infinity (unreachable). On any error
 * or timeout it logs a warning and returns the fallback provider's matrix.
 */
export class OsrmMatrixProvider implements MatrixProvider {
  private readonly baseUrl: string;
  private readonly profile: string;
  private readonly timeoutMs: number;
  private readonly fallback: MatrixProvider;
  private readonly logger: Logger;
  private readonly fetchFn: typeof fetch;

  constructor(options: OsrmOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.profile = options.profile ?? 'driving';
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fallback = options.fallback ?? new GreatCircleMatrixProvider();
    this.logger = options.logger ?? { warn: (m: string) => process.emitWarning(m, 'RoutingWarning') };
    this.fetchFn = options.fetchFn ?? fetch;
  }

  async getMatrix(points: readonly GeoPoint[]): Promise<MatrixResult> {
    if (points.length <= 1) return this.fallback.getMatrix(points);
    try {
      return await this.fetchTable(points);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      this.logger.warn(`OSRM table request failed (${msg}); using the great-circle fallback`);
      return this.fallback.getMatrix(points);
    }
  }

  private async fetchTable(points: readonly GeoPoint[]): Promise<MatrixResult> {
    const coords = points.map((p) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
    const url = `${this.baseUrl}/table/v1/${encodeURIComponent(this.profile)}/${coords}?annotations=duration,distance`;
    const res = await this.fetchFn(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as OsrmTableResponse;
    if (body.code !== 'Ok' || !body.durations) throw new Error(`OSRM code ${body.code ?? '?'}: ${body.message ?? ''}`);
    const n = points.length;
    const durations = flatten(body.durations, n, 'durations');
    const distances = body.distances ? flatten(body.distances, n, 'distances') : durations;
    return { size: n, durations, distances, source: 'osrm' };
  }
}

function flatten(rows: (number | null)[][], n: number, what: string): Float64Array {
  if (rows.length !== n) throw new Error(`OSRM ${what}: ${rows.length} rows, expected ${n}`);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row.length !== n) throw new Error(`OSRM ${what}: row ${i} has ${row.length} entries`);
    for (let j = 0; j < n; j++) {
      const v = row[j];
      out[i * n + j] = v === null ? Infinity : v;
    }
  }
  return out;
}
