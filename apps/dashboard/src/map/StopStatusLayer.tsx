import { circleMarker, layerGroup } from 'leaflet';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMap } from 'react-leaflet';
import { useNavigate } from 'react-router';
import { STOP_STATUS_COLOURS } from '../features/deliveries/components/shared';
import { useMapStops } from '../features/deliveries/hooks/useNetworkMap';
import { LAYER_PANE_TESTIDS } from './layer-params';
import { ensurePane, makeOperable } from './map-interaction';

const paneName = 'stop-status';

/** Statuses drawn, in the legend's order; cancelled stops are left off the map. */
export const MAP_STOP_STATUSES = ['pending', 'delivered', 'confirmed', 'failed'] as const;

/**
 * Delivery stops of the network coloured by status (grey pending, amber delivered, green confirmed,
 * red failed), the same colours as the board. A click or Enter opens the stop's page.
 * Adds itself on mount, removes itself on unmount.
 */
export function StopStatusLayer() {
  const map = useMap();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const stops = useMapStops();

  useEffect(() => {
    ensurePane(map, paneName, 460, LAYER_PANE_TESTIDS.paradas);
  }, [map]);

  const items = stops.data?.items;
  useEffect(() => {
    if (!items) return;
    const group = layerGroup().addTo(map);
    for (const s of items) {
      if (s.status === 'cancelled') continue;
      const status = t(`deliveries.stopStatus.${s.status}`);
      const label = t('layers.stops.marker', { community: s.communityName, status, plan: s.planName });
      const m = circleMarker([s.lat, s.lon], {
        pane: paneName,
        radius: 6,
        color: '#ffffff',
        weight: 2,
        fillColor: STOP_STATUS_COLOURS[s.status],
        fillOpacity: 1,
        className: `stop-status-marker stop-status-marker--${s.status}`,
      });
      const open = () => void navigate(`/entregas/paradas/${s.stopId}`);
      m.bindTooltip(label, { direction: 'top' });
      m.on('click', open);
      m.addTo(group);
      const el = m.getElement();
      el?.setAttribute('data-stop-id', s.stopId);
      makeOperable(el, label, open, 'link');
    }
    return () => {
      group.remove();
    };
  }, [items, map, navigate, t]);

  return null;
}
