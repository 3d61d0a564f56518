import './communities-layer.css';
import { circleMarker, layerGroup, type LayerGroup } from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useMap } from 'react-leaflet';
import { useNavigate } from 'react-router';
import { useCommunitiesGeo } from '../features/communities/hooks/useCommunities';
import { NO_URGENCY_COLOUR, URGENCY_COLOURS } from '../features/communities/components/UrgencyBadge';

const paneName = 'communities';

interface Props {
  /** Accessible name of each marker: community name and urgency, or the cluster's count. */
  describe: (f: { kind: string; name: string | null; count: number; urgency: number | null }) => string;
}

/**
 * Communities on the map, clustered by the API at low zoom (count in the bubble), coloured by the
 * highest urgency among their open needs. Refetches for the visible box when the map moves.
 * Adds itself on mount, removes itself on unmount.
 */
export function CommunitiesLayer({ describe }: Props) {
  const map = useMap();
  const navigate = useNavigate();
  const groupRef = useRef<LayerGroup | null>(null);
  const [view, setView] = useState<{ bbox: string; zoom: number } | null>(null);
  const geo = useCommunitiesGeo(view);
  const describeRef = useRef(describe);
  describeRef.current = describe;

  useEffect(() => {
    const pane = map.getPane(paneName) ?? map.createPane(paneName);
    pane.dataset.testid = 'map-communities';
    pane.style.zIndex = '450';
    const group = layerGroup().addTo(map);
    groupRef.current = group;
    const update = () => {
      const b = map.getBounds();
      const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));
      const bbox = [
        clamp(b.getWest(), -180, 180),
        clamp(b.getSouth(), -90, 90),
        clamp(b.getEast(), -180, 180),
        clamp(b.getNorth(), -90, 90),
      ]
        .map((n) => n.toFixed(4))
        .join(',');
      setView({ bbox, zoom: Math.max(0, Math.min(20, Math.round(map.getZoom()))) });
    };
    update();
    map.on('moveend', update);
    return () => {
      map.off('moveend', update);
      group.remove();
      groupRef.current = null;
    };
  }, [map]);

  useEffect(() => {
    const group = groupRef.current;
    if (!group || !geo.data) return;
    group.clearLayers();
    for (const f of geo.data.features) {
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
      const label = describeRef.current({ kind, name: name ?? null, count, urgency: maxOpenUrgency ?? null });
      marker.bindTooltip(kind === 'cluster' ? String(count) : label, {
        permanent: kind === 'cluster',
        direction: kind === 'cluster' ? 'center' : 'top',
        className: kind === 'cluster' ? 'community-count' : 'community-tip',
      });
      marker.on('click', () => {
        if (kind === 'cluster') map.setView([lat, lon], Math.min(14, map.getZoom() + 2));
        else if (id) void navigate(`/comunidades/${id}`);
      });
      marker.addTo(group);
      const el = marker.getElement();
      if (el) {
        el.setAttribute('aria-label', label);
        el.setAttribute('role', 'button');
      }
    }
  }, [geo.data, map, navigate]);

  return null;
}
