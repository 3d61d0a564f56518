import './communities-layer.css';
import { circleMarker, layerGroup, type LayerGroup } from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMap } from 'react-leaflet';
import { useNavigate } from 'react-router';
import { NO_URGENCY_COLOUR, URGENCY_COLOURS } from '../features/communities/components/UrgencyBadge';
import { useNeedsGeo } from '../features/communities/hooks/useMapGeo';
import { LAYER_PANE_TESTIDS } from './layer-params';
import { ensurePane, makeOperable, useDebouncedView } from './map-interaction';

const paneName = 'communities';

/**
 * Needs by urgency: communities clustered by the API at low zoom (count in the bubble), coloured by
 * the highest urgency among their open needs. Refetches for the visible box once the map settles
 * (aborting the request for a box it left); a community opens its page by click or Enter.
 * Adds itself on mount, removes itself on unmount.
 */
export function CommunitiesLayer() {
  const map = useMap();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const groupRef = useRef<LayerGroup | null>(null);
  const view = useDebouncedView();
  const geo = useNeedsGeo(view);

  useEffect(() => {
    ensurePane(map, paneName, 450, LAYER_PANE_TESTIDS.necesidades);
    const group = layerGroup().addTo(map);
    groupRef.current = group;
    return () => {
      group.remove();
      groupRef.current = null;
    };
  }, [map]);

  const features = geo.data?.features;
  useEffect(() => {
    const group = groupRef.current;
    if (!group || !features) return;
    group.clearLayers();
    for (const f of features) {
      const [lon, lat] = f.geometry.coordinates;
      const { kind, count, maxOpenUrgency, name, id } = f.properties;
      const colour = maxOpenUrgency ? URGENCY_COLOURS[maxOpenUrgency] : NO_URGENCY_COLOUR;
      const radius = kind === 'cluster' ? Math.min(22, 7 + Math.sqrt(count) * 2) : 7;
      const marker = circleMarker([lat, lon], {
        pane: paneName,
        radius,
        color: '#ffffff',
        weight: 1.5,
        fillColor: colour,
        fillOpacity: 0.9,
        className: `community-marker community-marker--${kind}`,
      });
      const label =
        kind === 'cluster'
          ? t('communities.mapCluster', { count })
          : t('communities.mapCommunity', {
              name: name ?? '',
              urgency: maxOpenUrgency ? t('communities.urgencyN', { n: maxOpenUrgency }) : t('communities.noOpenNeeds'),
            });
      marker.bindTooltip(kind === 'cluster' ? String(count) : label, {
        permanent: kind === 'cluster',
        direction: kind === 'cluster' ? 'center' : 'top',
        className: kind === 'cluster' ? 'community-count' : 'community-tip',
      });
      const activate = () => {
        if (kind === 'cluster') map.setView([lat, lon], Math.min(14, map.getZoom() + 2));
        else if (id) void navigate(`/comunidades/${id}`);
      };
      marker.on('click', activate);
      marker.addTo(group);
      const el = marker.getElement();
      if (id) el?.setAttribute('data-community-id', id);
      makeOperable(el, label, activate, kind === 'cluster' ? 'button' : 'link');
    }
  }, [features, map, navigate, t]);

  return null;
}
