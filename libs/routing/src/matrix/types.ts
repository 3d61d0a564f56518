/** Mode of the last leg used to reach a location. */
export type AccessMode = 'paved' | 'unpaved' | 'trail' | 'river' | 'air';

export const ACCESS_MODES: readonly AccessMode[] = ['paved', 'unpaved', 'trail', 'river', 'air'];

export interface GeoPoint {
  lat: number;
  lon: number;
  /** Metres above sea level (optional; used for the climbing slowdown). */
  altitude?: number;
  /** How the last leg into this point is travelled. Default 'paved'. */
  access?: AccessMode;
}

/** A travel matrix ready for `Problem.matrix`: flat row-major, seconds and metres. */
export interface MatrixResult {
  size: number;
  durations: Float64Array;
  distances: Float64Array;
  source: 'great-circle' | 'osrm';
}

export interface MatrixProvider {
  getMatrix(points: readonly GeoPoint[]): Promise<MatrixResult>;
}

export interface Logger {
  warn(message: string): void;
}
