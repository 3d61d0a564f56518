import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '@app/auth-context';
import type { Role } from '../features/auth/api/auth-api';
import { usePublicConfig } from '../features/config/hooks/usePublicConfig';
import { CommunitiesLayer } from '../map/CommunitiesLayer';
import { CoverageLayer } from '../map/CoverageLayer';
import { GapsLayer } from '../map/GapsLayer';
import { layersFromParams, searchWithLayers, type MapLayerId } from '../map/layer-params';
import { MapLegend } from '../map/MapLegend';
import { MapView } from '../map/MapView';
import { OutlinesLayer } from '../map/OutlinesLayer';
import { useOutlines } from '../map/outlines-data';
import { PlacesLayer } from '../map/PlacesLayer';
import { PlanRoutesLayer } from '../map/PlanRoutesLayer';
import { StopStatusLayer } from '../map/StopStatusLayer';
import { TileLayer } from '../map/TileLayer';
import { WarehousesLayer } from '../map/WarehousesLayer';

/** Who may read each layer's data (the API enforces it; the legend only offers what will load). */
const LAYER_ROLES: Record<MapLayerId, readonly Role[] | 'any'> = {
  necesidades: 'any',
  lugares: 'any',
  almacenes: ['admin', 'coordinator', 'storekeeper'],
  rutas: ['admin', 'coordinator'],
  paradas: ['admin', 'coordinator'],
  // The coverage report (reports API) feeds both.
  cobertura: ['admin', 'coordinator', 'fundraiser'],
  brechas: ['admin', 'coordinator', 'fundraiser'],
};

const LEGEND_ORDER: readonly MapLayerId[] = ['necesidades', 'lugares', 'almacenes', 'rutas', 'paradas', 'cobertura', 'brechas'];

export function MapPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const config = usePublicConfig();
  const { departments, provinces } = useOutlines();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [selected, setSelected] = useState<{ ubigeo: string; name: string } | null>(null);
  const tileUrl = config.data?.mapTileUrl ?? null;
  const outlinesFailed = departments.isError || provinces.isError;
  const outlinesLoading = !departments.data || !provinces.data;

  const roles = user?.roles ?? [];
  const available = LEGEND_ORDER.filter((id) => {
    const allowed = LAYER_ROLES[id];
    return allowed === 'any' || allowed.some((r) => roles.includes(r));
  });
  const requested = layersFromParams(params);
  const active = requested.filter((id) => available.includes(id));
  const on = (id: MapLayerId) => active.includes(id);
  // The URL is the state: a shared link reproduces the view; toggling replaces the entry, not history.
  const toggle = (id: MapLayerId, checked: boolean) =>
    void navigate(
      { search: searchWithLayers(params, checked ? [...requested, id] : requested.filter((l) => l !== id)) },
      { replace: true },
    );

  return (
    <div className="map-page">
      <div className="map-page__bar">
        <h1 className="map-page__title">{t('map.title')}</h1>
        <MapLegend selected={selected?.name ?? null} available={available} active={active} onToggle={toggle} />
      </div>
      {outlinesFailed ? (
        <p className="alert" role="alert">
          {t('map.outlinesFailed')}
        </p>
      ) : outlinesLoading ? (
        <p className="page-status" role="status">
          {t('map.loadingOutlines')}
        </p>
      ) : null}
      <MapView label={t('map.region')}>
        {tileUrl && <TileLayer url={tileUrl} attribution={config.data?.mapTileAttribution ?? null} />}
        {departments.data && provinces.data && (
          <OutlinesLayer
            departments={departments.data}
            provinces={provinces.data}
            filled={!tileUrl}
            attribution={t('map.attribution')}
            selected={selected?.ubigeo ?? null}
            onSelect={({ ubigeo, name }) => setSelected({ ubigeo, name })}
          />
        )}
        {on('cobertura') && <CoverageLayer />}
        {on('lugares') && <PlacesLayer />}
        {on('necesidades') && <CommunitiesLayer />}
        {on('rutas') && <PlanRoutesLayer />}
        {on('paradas') && <StopStatusLayer />}
        {on('almacenes') && <WarehousesLayer />}
        {on('brechas') && <GapsLayer />}
      </MapView>
    </div>
  );
}
