import { useTranslation } from 'react-i18next';

/** Key to the outline styles plus the department the user picked (announced to screen readers). */
export function MapLegend({ selected }: { selected: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="map-legend">
      <h2 className="visually-hidden">{t('map.legend')}</h2>
      <ul className="map-legend__keys">
        <li>
          <span className="map-legend__swatch map-legend__swatch--department" aria-hidden="true" />
          {t('map.departments')}
        </li>
        <li>
          <span className="map-legend__swatch map-legend__swatch--province" aria-hidden="true" />
          {t('map.provinces')}
        </li>
      </ul>
      <p className="map-legend__selected" aria-live="polite">
        {selected ? t('map.selected', { name: selected }) : t('map.hint')}
      </p>
    </div>
  );
}
