import { useTranslation } from 'react-i18next';
import { COVERAGE_CLASSES, COVERAGE_COLOURS } from '../coverage';
import { coverageClassLabel } from './classLabel';

/** Key to the coverage choropleth and the gap markers (the same classes as the map layers). */
export function CoverageLegend() {
  const { t } = useTranslation();
  return (
    <div className="rp-legend">
      <h3 className="rp-legend__title">{t('reports.legend.title')}</h3>
      <ul className="rp-legend__keys">
        {COVERAGE_CLASSES.map((c) => (
          <li key={c}>
            <span className="rp-legend__swatch" style={{ backgroundColor: COVERAGE_COLOURS[c] }} aria-hidden="true" />
            {coverageClassLabel(t, c)}
          </li>
        ))}
        <li>
          <span className="rp-legend__gap" aria-hidden="true">
            !
          </span>
          {t('reports.legend.gap')}
        </li>
      </ul>
      <p className="muted rp-legend__note">{t('reports.legend.shapes')}</p>
    </div>
  );
}
