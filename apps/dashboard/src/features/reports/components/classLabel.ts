import type { TFunction } from 'i18next';
import { COVERAGE_BOUNDS, type CoverageClass } from '../coverage';

/** The legend's words for a class, also used in map tooltips and the districts table. */
export function coverageClassLabel(t: TFunction, c: CoverageClass): string {
  switch (c) {
    case 'unmet':
      return t('reports.legend.unmet');
    case 'low':
      return t('reports.legend.low', { to: COVERAGE_BOUNDS.low });
    case 'medium':
      return t('reports.legend.medium', { from: COVERAGE_BOUNDS.low, to: COVERAGE_BOUNDS.medium });
    case 'high':
      return t('reports.legend.high', { from: COVERAGE_BOUNDS.medium });
    case 'noNeeds':
      return t('reports.legend.noNeeds');
  }
}
