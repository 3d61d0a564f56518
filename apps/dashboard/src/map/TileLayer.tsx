import { tileLayer } from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

/**
 * Basemap tiles, only mounted when the API's config names a tile server (self-hosted or allowed by
 * the deployment). Without it the map runs on the bundled outlines and makes no third-party request.
 */
export function TileLayer({ url, attribution }: { url: string; attribution: string | null }) {
  const map = useMap();
  useEffect(() => {
    const layer = tileLayer(url, { attribution: attribution ?? undefined, maxZoom: 19 }).addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, url, attribution]);
  return null;
}
