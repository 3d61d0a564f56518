import './layers.css';
import { useTranslation } from 'react-i18next';
import { NO_URGENCY_COLOUR, URGENCY_COLOURS } from '../features/communities/components/UrgencyBadge';
import { STOP_STATUS_COLOURS } from '../features/deliveries/components/shared';
import type { MapLayerId } from './layer-params';
import { MAP_STOP_STATUSES } from './StopStatusLayer';

interface Props {
  /** Department the user picked on the outlines (announced to screen readers). */
  selected: string | null;
  /** Layers this user may turn on, in display order. */
  available: readonly MapLayerId[];
  active: readonly MapLayerId[];
  onToggle: (layer: MapLayerId, on: boolean) => void;
}

/**
 * Key to the map and its layer switches: the outlines (always on), one checkbox per layer with its
 * swatch, and the colour keys of the layers that are on.
 */
export function MapLegend({ selected, available, active, onToggle }: Props) {
  const { t } = useTranslation();
  const on = (id: MapLayerId) => active.includes(id);
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
      <fieldset className="map-legend__layers">
        <legend className="map-legend__layers-title">{t('layers.title')}</legend>
        {available.map((id) => (
          <label key={id} className="map-legend__toggle">
            <input type="checkbox" name="capas" value={id} checked={on(id)} onChange={(e) => onToggle(id, e.target.checked)} />
            <span className={`map-legend__layer-swatch map-legend__layer-swatch--${id}`} aria-hidden="true" />
            {t(`layers.names.${id}`)}
          </label>
        ))}
      </fieldset>
      {on('necesidades') && available.includes('necesidades') && (
        <ul className="map-legend__colours" aria-label={t('layers.needsKey')}>
          {[5, 4, 3, 2, 1].map((n) => (
            <li key={n}>
              <span className="map-legend__dot" style={{ backgroundColor: URGENCY_COLOURS[n] }} aria-hidden="true" />
              {n}
            </li>
          ))}
          <li>
            <span className="map-legend__dot" style={{ backgroundColor: NO_URGENCY_COLOUR }} aria-hidden="true" />
            {t('communities.noOpenNeeds')}
          </li>
        </ul>
      )}
      {on('paradas') && available.includes('paradas') && (
        <ul className="map-legend__colours" aria-label={t('layers.stopsKey')}>
          {MAP_STOP_STATUSES.map((s) => (
            <li key={s}>
              <span className="map-legend__dot" style={{ backgroundColor: STOP_STATUS_COLOURS[s] }} aria-hidden="true" />
              {t(`deliveries.stopStatus.${s}`)}
            </li>
          ))}
        </ul>
      )}
      <p className="map-legend__selected" aria-live="polite">
        {selected ? t('map.selected', { name: selected }) : t('map.hint')}
      </p>
    </div>
  );
}
