import './layers.css';
import { divIcon, layerGroup, marker, type Popup } from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMap } from 'react-leaflet';
import { useNavigate } from 'react-router';
import { formatNumber } from '@app/format';
import { useWarehouses } from '../features/inventory/hooks/useInventory';
import { LAYER_PANE_TESTIDS } from './layer-params';
import { ensurePane, makeOperable, openDetailPopup } from './map-interaction';

const paneName = 'warehouses';

/**
 * The network's active warehouses (inventory API) as squares; a click or Enter opens a popup with
 * the district and capacity and a link to the inventory. Adds itself on mount, removes itself on unmount.
 */
export function WarehousesLayer() {
  const map = useMap();
  const navigate = useNavigate();
  const { t, i18n } = useTranslation();
  const warehouses = useWarehouses();
  // A popup left open would outlive the layer it describes.
  const popupRef = useRef<Popup | null>(null);

  useEffect(() => {
    ensurePane(map, paneName, 465, LAYER_PANE_TESTIDS.almacenes);
    return () => {
      popupRef.current?.remove();
    };
  }, [map]);

  const data = warehouses.data;
  useEffect(() => {
    if (!data) return;
    const group = layerGroup().addTo(map);
    for (const w of data) {
      if (!w.active) continue;
      const m = marker([w.latitude, w.longitude], {
        pane: paneName,
        icon: divIcon({ className: 'warehouse-marker', html: '<span aria-hidden="true">▣</span>', iconSize: [26, 26] }),
        keyboard: true,
      });
      const open = () =>
        (popupRef.current = openDetailPopup(
          map,
          [w.latitude, w.longitude],
          {
            title: w.name,
            lines: [
              ...(w.districtName ? [t('layers.warehouses.district', { name: w.districtName })] : []),
              t('layers.warehouses.capacity', { m3: formatNumber(w.capacityM3, i18n.language) }),
            ],
            link: { href: '/inventario', label: t('layers.warehouses.open'), go: () => void navigate('/inventario') },
          },
          t('layers.closePopup'),
        ));
      m.on('click', open);
      m.addTo(group);
      const el = m.getElement();
      el?.setAttribute('data-warehouse-id', w.id);
      makeOperable(el, t('layers.warehouses.marker', { name: w.name }), open);
    }
    return () => {
      group.remove();
    };
  }, [data, map, navigate, t, i18n.language]);

  return null;
}
