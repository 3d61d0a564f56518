import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublicConfig } from '../features/config/hooks/usePublicConfig';
import { CommunitiesLayer } from '../map/CommunitiesLayer';
import { MapLegend } from '../map/MapLegend';
import { MapView } from '../map/MapView';
import { OutlinesLayer } from '../map/OutlinesLayer';
import { useOutlines } from '../map/outlines-data';
import { TileLayer } from '../map/TileLayer';

export function MapPage() {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const { departments, provinces } = useOutlines();
  const [selected, setSelected] = useState<{ ubigeo: string; name: string } | null>(null);
  const tileUrl = config.data?.mapTileUrl ?? null;
  const outlinesFailed = departments.isError || provinces.isError;
  const outlinesLoading = !departments.data || !provinces.data;

  return (
    <div className="map-page">
      <div className="map-page__bar">
        <h1 className="map-page__title">{t('map.title')}</h1>
        <MapLegend selected={selected?.name ?? null} />
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
        {tileUrl && (
          <TileLayer url={tileUrl} attribution={config.data?.mapTileAttribution ?? null} />
        )}
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
        <CommunitiesLayer
          describe={(f) =>
            f.kind === 'cluster'
              ? t('communities.mapCluster', { count: f.count })
              : t('communities.mapCommunity', {
                  name: f.name ?? '',
                  urgency: f.urgency ? t('communities.urgencyN', { n: f.urgency }) : t('communities.noOpenNeeds'),
                })
          }
        />
      </MapView>
    </div>
  );
}
