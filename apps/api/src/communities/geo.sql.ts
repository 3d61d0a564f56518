/**
 * SQL of the map endpoint, kept apart from the service so the benchmark runs exactly the same
 * statements directly with `pg`. Grid cells are 64 screen pixels: 90 / 2^zoom degrees.
 */
export interface Bbox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

export interface GeoFilters {
  department?: string;
  needStatus?: string;
  minUrgency?: number;
}

export interface SqlStatement {
  text: string;
  values: unknown[];
}

/** Up to this zoom the places layer reads the pre-built cluster grid (see LoadPopulatedPlaces). */
export const PLACE_CLUSTER_MAX_ZOOM = 11;
/** Up to this zoom communities are clustered on the fly (there are hundreds, not 95k). */
export const COMMUNITY_CLUSTER_MAX_ZOOM = 8;
/** Single places returned at most per request; more means the client zoomed out too far. */
export const MAX_POINTS = 2000;

export const cellSize = (zoom: number): number => 90 / 2 ** zoom;

export function placesSql(bbox: Bbox, zoom: number, filters: GeoFilters): SqlStatement {
  if (zoom <= PLACE_CLUSTER_MAX_ZOOM) {
    const size = cellSize(zoom);
    const values: unknown[] = [
      zoom,
      Math.floor(bbox.minLon / size),
      Math.floor(bbox.maxLon / size),
      Math.floor(bbox.minLat / size),
      Math.floor(bbox.maxLat / size),
    ];
    let dept = '';
    if (filters.department) {
      values.push(filters.department);
      dept = ` AND department_ubigeo = $${values.length}`;
    }
    return {
      text: `SELECT cell_x, cell_y, sum(count)::int AS count,
                    sum(lat * count) / sum(count) AS lat, sum(lon * count) / sum(count) AS lon
             FROM populated_place_clusters
             WHERE zoom = $1 AND cell_x BETWEEN $2 AND $3 AND cell_y BETWEEN $4 AND $5${dept}
             GROUP BY cell_x, cell_y`,
      values,
    };
  }
  const values: unknown[] = [bbox.minLon, bbox.minLat, bbox.maxLon, bbox.maxLat];
  let dept = '';
  if (filters.department) {
    values.push(`${filters.department}%`);
    dept = ` AND district_ubigeo LIKE $${values.length}`;
  }
  return {
    text: `SELECT code, name, kind, lat, lon FROM populated_places
           WHERE point(lon, lat) <@ box(point($1, $2), point($3, $4))${dept}
           LIMIT ${MAX_POINTS + 1}`,
    values,
  };
}

export function communitiesSql(bbox: Bbox, zoom: number, filters: GeoFilters): SqlStatement {
  const values: unknown[] = [bbox.minLon, bbox.minLat, bbox.maxLon, bbox.maxLat];
  const where: string[] = ['point(c.lon, c.lat) <@ box(point($1, $2), point($3, $4))'];
  if (filters.department) {
    values.push(`${filters.department}%`);
    where.push(`c.district_ubigeo LIKE $${values.length}`);
  }
  if (filters.needStatus) {
    values.push(filters.needStatus);
    where.push(`EXISTS (SELECT 1 FROM need_requests s WHERE s.community_id = c.id AND s.status = $${values.length})`);
  }
  const base = `SELECT c.id, c.name, c.lat, c.lon, c.district_ubigeo,
                       (SELECT max(n.urgency) FROM need_requests n
                        WHERE n.community_id = c.id AND n.status IN ('submitted','approved','partially_fulfilled'))::int AS max_urgency
                FROM communities c WHERE ${where.join(' AND ')}`;
  let outer = '';
  if (filters.minUrgency) {
    values.push(filters.minUrgency);
    outer = ` WHERE b.max_urgency >= $${values.length}`;
  }
  if (zoom <= COMMUNITY_CLUSTER_MAX_ZOOM) {
    values.push(cellSize(zoom));
    const size = `$${values.length}::float8`;
    return {
      text: `SELECT floor(b.lon / ${size})::int AS cell_x, floor(b.lat / ${size})::int AS cell_y, count(*)::int AS count,
                    avg(b.lat) AS lat, avg(b.lon) AS lon, max(b.max_urgency)::int AS max_urgency,
                    min(b.id::text) AS sample_id, min(b.name) AS sample_name
             FROM (${base}) b${outer} GROUP BY 1, 2`,
      values,
    };
  }
  return { text: `SELECT b.* FROM (${base}) b${outer} LIMIT ${MAX_POINTS + 1}`, values };
}
