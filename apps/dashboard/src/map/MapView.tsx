import 'leaflet/dist/leaflet.css';
import './map.css';
import type { LatLngBoundsExpression } from 'leaflet';
import type { ReactNode } from 'react';
import { MapContainer } from 'react-leaflet';

/** Peru's bounding box (from the outline data), south-west then north-east. */
export const peruBounds: LatLngBoundsExpression = [
  [-18.351, -81.328],
  [-0.039, -68.654],
];

/**
 * The one Leaflet map of the dashboard. It draws nothing itself: every layer is a child component
 * that adds itself to the map on mount and removes itself on unmount (see OutlinesLayer, TileLayer).
 */
export function MapView({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <div className="map-view" role="region" aria-label={label}>
      <MapContainer
        className="map-view__map"
        bounds={peruBounds}
        boundsOptions={{ padding: [8, 8] }}
        minZoom={4}
        maxZoom={14}
        maxBounds={[
          [-30, -95],
          [10, -55],
        ]}
        worldCopyJump={false}
        zoomSnap={0.25}
      >
        {children}
      </MapContainer>
    </div>
  );
}
