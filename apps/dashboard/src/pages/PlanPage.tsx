import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PlanBuilder } from '../features/deliveries/components/PlanBuilder';
import { usePublicConfig } from '../features/config/hooks/usePublicConfig';
import { MapView } from '../map/MapView';
import { OutlinesLayer } from '../map/OutlinesLayer';
import { useOutlines } from '../map/outlines-data';
import { TileLayer } from '../map/TileLayer';

export function PlanPage() {
  const { id = '' } = useParams();
  return <PlanBuilder key={id} planId={id} BaseMap={PlanBaseMap} />;
}

/** The one dashboard map with its base layers (tiles only when configured; the outlines work offline). */
function PlanBaseMap({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const { departments, provinces } = useOutlines();
  const tileUrl = config.data?.mapTileUrl ?? null;
  return (
    <MapView label={label}>
      {tileUrl && <TileLayer url={tileUrl} attribution={config.data?.mapTileAttribution ?? null} />}
      {departments.data && provinces.data && (
        <OutlinesLayer
          departments={departments.data}
          provinces={provinces.data}
          filled={!tileUrl}
          attribution={t('map.attribution')}
          selected={null}
          onSelect={() => undefined}
        />
      )}
      {children}
    </MapView>
  );
}
