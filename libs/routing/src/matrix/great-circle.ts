import type { AccessMode, GeoPoint, MatrixProvider, MatrixResult } from './types';

/**
 * Field travel model: great-circle distance × a detour factor for the mode of
 * the last leg, divided by a speed for that mode, plus a climbing penalty per
 * metre of altitude gain. Every number is configurable; defaults and their
 * sources are documented in libs/routing/README.md.
 */
export interface FieldTravelConfig {
  /** Road/path length divided by great-circle length. */
  detour: Record<AccessMode, number>;
  /** Average travel speed in km/h. */
  speedKmh: Record<AccessMode, number>;
  /** Extra seconds per metre of altitude gained (0 for descents). */
  climbSecondsPerMetre: Record<AccessMode, number>;
  /** Earth mean radius in metres. */
  earthRadiusM: number;
}

export const DEFAULT_FIELD_TRAVEL: FieldTravelConfig = {
  detour: { paved: 1.3, unpaved: 1.5, trail: 1.7, river: 1.6, air: 1.05 },
  speedKmh: { paved: 50, unpaved: 25, trail: 3.5, river: 12, air: 160 },
  climbSecondsPerMetre: { paved: 0.5, unpaved: 1.5, trail: 6, river: 0, air: 0 },
  earthRadiusM: 6_371_008.8,
};

export function haversineMetres(a: GeoPoint, b: GeoPoint, radius = DEFAULT_FIELD_TRAVEL.earthRadiusM): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * radius * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface FieldTravelOverrides {
  detour?: Partial<Record<AccessMode, number>>;
  speedKmh?: Partial<Record<AccessMode, number>>;
  climbSecondsPerMetre?: Partial<Record<AccessMode, number>>;
  earthRadiusM?: number;
}

export class GreatCircleMatrixProvider implements MatrixProvider {
  readonly config: FieldTravelConfig;

  constructor(overrides: FieldTravelOverrides = {}) {
    const d = DEFAULT_FIELD_TRAVEL;
    this.config = {
      detour: { ...d.detour, ...overrides.detour },
      speedKmh: { ...d.speedKmh, ...overrides.speedKmh },
      climbSecondsPerMetre: { ...d.climbSecondsPerMetre, ...overrides.climbSecondsPerMetre },
      earthRadiusM: overrides.earthRadiusM ?? d.earthRadiusM,
    };
  }

  /** Synchronous variant of `getMatrix`. */
  compute(points: readonly GeoPoint[]): MatrixResult {
    const n = points.length;
    const durations = new Float64Array(n * n);
    const distances = new Float64Array(n * n);
    const c = this.config;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const to = points[j];
        const mode = to.access ?? 'paved';
        const dist = haversineMetres(points[i], to, c.earthRadiusM) * c.detour[mode];
        const gain = Math.max(0, (to.altitude ?? 0) - (points[i].altitude ?? 0));
        distances[i * n + j] = dist;
        durations[i * n + j] = dist / (c.speedKmh[mode] / 3.6) + gain * c.climbSecondsPerMetre[mode];
      }
    }
    return { size: n, durations, distances, source: 'great-circle' };
  }

  getMatrix(points: readonly GeoPoint[]): Promise<MatrixResult> {
    return Promise.resolve(this.compute(points));
  }
}
