import type { CoverageRow, KitCategory } from './api/reports-api';

/**
 * Reach against needs, per district and per province, and the classes the map colours them by.
 * The API gives one row per district × kit category; a need asking for two categories counts in
 * both, and so do the households reached by kits of each. Summing both sides over categories keeps
 * the ratio in the same unit ("households reached per open need", category by category).
 */
export interface AreaCoverage {
  ubigeo: string;
  pcode: string;
  name: string;
  provinceName: string;
  departmentName: string;
  kitsConfirmed: number;
  householdsReached: number;
  openNeeds: number;
  openNeedHouseholds: number;
  /** Categories with reach or open needs, in the API's order. */
  categories: KitCategory[];
}

export type CoverageClass = 'unmet' | 'low' | 'medium' | 'high' | 'noNeeds';

/** Worst first: the order of the legend and of the districts table. */
export const COVERAGE_CLASSES: readonly CoverageClass[] = ['unmet', 'low', 'medium', 'high', 'noNeeds'];

/** Class bounds in households reached per open need: low below 10, medium below 50, high from 50. */
export const COVERAGE_BOUNDS = { low: 10, medium: 50 } as const;

/** ColorBrewer RdYlBu (colour-blind safe): red where needs wait unmet, blue where none are open. */
export const COVERAGE_COLOURS: Record<CoverageClass, string> = {
  unmet: '#d7301f',
  low: '#fc8d59',
  medium: '#fee090',
  high: '#91bfdb',
  noNeeds: '#4575b4',
};

/** Households reached per open need; null when nothing is open (no ratio to speak of). */
export function coverageRatio(a: Pick<AreaCoverage, 'householdsReached' | 'openNeeds'>): number | null {
  return a.openNeeds > 0 ? a.householdsReached / a.openNeeds : null;
}

/** null: neither reach nor open needs, nothing to draw. */
export function coverageClass(a: Pick<AreaCoverage, 'householdsReached' | 'openNeeds'>): CoverageClass | null {
  const ratio = coverageRatio(a);
  if (ratio === null) return a.householdsReached > 0 ? 'noNeeds' : null;
  if (ratio === 0) return 'unmet';
  if (ratio < COVERAGE_BOUNDS.low) return 'low';
  if (ratio < COVERAGE_BOUNDS.medium) return 'medium';
  return 'high';
}

function add(into: AreaCoverage, row: CoverageRow): void {
  into.kitsConfirmed += row.kitsConfirmed;
  into.householdsReached += row.householdsReached;
  into.openNeeds += row.openNeeds;
  into.openNeedHouseholds += row.openNeedHouseholds;
  if ((row.openNeeds > 0 || row.householdsReached > 0) && !into.categories.includes(row.category)) {
    into.categories.push(row.category);
  }
}

function group(rows: readonly CoverageRow[], key: (r: CoverageRow) => AreaCoverage): AreaCoverage[] {
  const areas = new Map<string, AreaCoverage>();
  for (const row of rows) {
    const fresh = key(row);
    const area = areas.get(fresh.ubigeo) ?? fresh;
    areas.set(area.ubigeo, area);
    add(area, row);
  }
  return [...areas.values()];
}

const empty = { kitsConfirmed: 0, householdsReached: 0, openNeeds: 0, openNeedHouseholds: 0 };

export function byDistrict(rows: readonly CoverageRow[]): AreaCoverage[] {
  return group(rows, (r) => ({
    ubigeo: r.districtUbigeo,
    pcode: r.districtPcode,
    name: r.districtName,
    provinceName: r.provinceName,
    departmentName: r.departmentName,
    ...empty,
    categories: [],
  }));
}

/** The province's UBIGEO is the first four digits of its districts'. */
export function byProvince(rows: readonly CoverageRow[]): AreaCoverage[] {
  return group(rows, (r) => ({
    ubigeo: r.districtUbigeo.slice(0, 4),
    pcode: r.districtPcode.slice(0, 6),
    name: r.provinceName,
    provinceName: r.provinceName,
    departmentName: r.departmentName,
    ...empty,
    categories: [],
  }));
}

/** Worst class first, then the most open needs, then by name: where to look first. */
export function mostNeedyFirst(areas: readonly AreaCoverage[]): AreaCoverage[] {
  const rank = (a: AreaCoverage) => {
    const c = coverageClass(a);
    return c === null ? COVERAGE_CLASSES.length : COVERAGE_CLASSES.indexOf(c);
  };
  return [...areas].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (coverageRatio(a) ?? 0) - (coverageRatio(b) ?? 0) ||
      b.openNeeds - a.openNeeds ||
      a.name.localeCompare(b.name, 'es'),
  );
}
