/**
 * The map's toggleable layers and how the URL names them (`/mapa?capas=necesidades,lugares`), so a
 * link reproduces the view. No imports: benchmarks and tests read the ids and pane selectors from here.
 * The department and province outlines are not listed: they are always on.
 */
export const LAYERS_PARAM = 'capas';

export const MAP_LAYERS = ['necesidades', 'lugares', 'almacenes', 'rutas', 'paradas', 'cobertura', 'brechas'] as const;
export type MapLayerId = (typeof MAP_LAYERS)[number];

/** On when the URL does not say: needs by urgency, the coordinator's everyday view. */
export const DEFAULT_LAYERS: readonly MapLayerId[] = ['necesidades'];

/** `data-testid` of each layer's Leaflet pane (its markers, lines or canvas live inside it). */
export const LAYER_PANE_TESTIDS = {
  necesidades: 'map-communities',
  lugares: 'map-places',
  almacenes: 'map-warehouses',
  rutas: 'map-routes',
  paradas: 'map-stop-status',
  cobertura: 'map-coverage-districts',
  brechas: 'map-gaps',
} as const satisfies Record<MapLayerId, string>;

/** What the dashboard benchmark opens and waits for: the places layer on, its first clusters drawn. */
export const PLACES_BENCH = {
  path: `/mapa?${LAYERS_PARAM}=lugares`,
  clusterSelector: `[data-testid="${LAYER_PANE_TESTIDS.lugares}"] .place-cluster`,
} as const;

const isLayer = (s: string): s is MapLayerId => (MAP_LAYERS as readonly string[]).includes(s);

/** The layers a URL turns on: its `capas` list (unknown names ignored), or the defaults when absent. */
export function layersFromParams(params: URLSearchParams): MapLayerId[] {
  const raw = params.get(LAYERS_PARAM);
  if (raw === null) return [...DEFAULT_LAYERS];
  return MAP_LAYERS.filter((id) => raw.split(',').some((s) => s.trim() === id && isLayer(s.trim())));
}

/**
 * The query string (with "?") of these params with `capas` set to these layers, in a stable order
 * ("" when none is on). Commas stay literal so the link reads `?capas=necesidades,lugares`.
 */
export function searchWithLayers(params: URLSearchParams, layers: readonly MapLayerId[]): string {
  const next = new URLSearchParams(params);
  next.set(LAYERS_PARAM, MAP_LAYERS.filter((id) => layers.includes(id)).join(','));
  return `?${next.toString().replace(/%2C/gi, ',')}`;
}
