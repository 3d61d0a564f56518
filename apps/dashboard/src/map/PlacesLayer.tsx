import './layers.css';
import { canvas, circleMarker, divIcon, layerGroup, marker, svg, type LayerGroup, type Popup } from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMap } from 'react-leaflet';
import { formatNumber } from '@app/format';
import { usePlacesGeo } from '../features/communities/hooks/useMapGeo';
import { LAYER_PANE_TESTIDS } from './layer-params';
import { ensurePane, makeOperable, openDetailPopup, useDebouncedView } from './map-interaction';

const paneName = 'places';
/** Up to this many single places get a focusable SVG marker each; more are painted on one canvas. */
const MAX_FOCUSABLE_PLACES = 200;

/**
 * The INEI gazetteer's 94,922 populated places, off by default. The API clusters them on a pre-built
 * grid up to zoom 11 (a count per 64-pixel cell), so a view never has more than a few hundred
 * clusters; beyond that it returns single places, which are painted on a canvas when there are many.
 * Requests follow the debounced view and are aborted when the view moves on.
 * Adds itself on mount, removes itself on unmount.
 */
export function PlacesLayer() {
  const map = useMap();
  const { t, i18n } = useTranslation();
  const view = useDebouncedView();
  const geo = usePlacesGeo(view);
  const groupRef = useRef<LayerGroup | null>(null);
  // A popup left open would outlive the layer it describes.
  const popupRef = useRef<Popup | null>(null);
  const renderers = useRef<{ canvas: ReturnType<typeof canvas>; svg: ReturnType<typeof svg> } | null>(null);

  useEffect(() => {
    ensurePane(map, paneName, 440, LAYER_PANE_TESTIDS.lugares);
    const group = layerGroup().addTo(map);
    groupRef.current = group;
    renderers.current = { canvas: canvas({ pane: paneName }), svg: svg({ pane: paneName }) };
    return () => {
      group.remove();
      popupRef.current?.remove();
      renderers.current?.canvas.remove();
      renderers.current?.svg.remove();
      groupRef.current = null;
      renderers.current = null;
    };
  }, [map]);

  const features = geo.data?.features;
  useEffect(() => {
    const group = groupRef.current;
    const r = renderers.current;
    if (!group || !r || !features) return;
    group.clearLayers();
    const language = i18n.language;
    const singles = features.filter((f) => f.properties.kind !== 'cluster').length;
    const focusable = singles <= MAX_FOCUSABLE_PLACES;
    for (const f of features) {
      const [lon, lat] = f.geometry.coordinates;
      const { kind, count, name, id } = f.properties;
      if (kind === 'cluster') {
        const text = formatNumber(count, language);
        const size = Math.round(Math.min(48, 22 + Math.log10(count + 1) * 7));
        const m = marker([lat, lon], {
          pane: paneName,
          icon: divIcon({ className: 'place-cluster', html: `<span>${text}</span>`, iconSize: [size, size] }),
          keyboard: true,
        });
        const zoomIn = () => map.setView([lat, lon], Math.min(map.getMaxZoom(), map.getZoom() + 2));
        m.on('click', zoomIn);
        m.addTo(group);
        const el = m.getElement();
        el?.setAttribute('data-count', String(count));
        makeOperable(el, t('layers.places.cluster', { count, formatted: text }), zoomIn);
        continue;
      }
      const label = name ?? id ?? '';
      const dot = circleMarker([lat, lon], {
        pane: paneName,
        renderer: focusable ? r.svg : r.canvas,
        radius: 4,
        color: '#ffffff',
        weight: 1,
        fillColor: '#4a5563',
        fillOpacity: 0.9,
        className: 'place-marker',
      });
      const open = () =>
        (popupRef.current = openDetailPopup(
          map,
          [lat, lon],
          { title: label, lines: id ? [t('layers.places.code', { code: id })] : [] },
          t('layers.closePopup'),
        ));
      dot.bindTooltip(label, { direction: 'top' });
      dot.on('click', open);
      dot.addTo(group);
      if (focusable) makeOperable(dot.getElement(), t('layers.places.place', { name: label }), open);
    }
  }, [features, map, t, i18n.language]);

  return null;
}
