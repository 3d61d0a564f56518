import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../platform/errors/domain-error';
import type { GeoFeatureCollectionDto, GeoFeatureDto, GeoQueryDto } from './dto/geo.dto';
import { type Bbox, COMMUNITY_CLUSTER_MAX_ZOOM, communitiesSql, MAX_POINTS, PLACE_CLUSTER_MAX_ZOOM, placesSql } from './geo.sql';

/** Widest box (degrees²) for which single places are returned; beyond it the client gets clusters. */
const MAX_POINT_BOX_AREA = 4;

export function parseBbox(raw: string): Bbox {
  const [minLon, minLat, maxLon, maxLat] = raw.split(',').map(Number);
  const invalid = (message: string): DomainError =>
    new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [{ field: 'bbox', code: 'bbox', message }]);
  if ([minLon, minLat, maxLon, maxLat].some((n) => !Number.isFinite(n))) throw invalid('bbox must be four numbers');
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) throw invalid('bbox is outside WGS 84 bounds');
  if (minLon >= maxLon || minLat >= maxLat) throw invalid('bbox must be minLon,minLat,maxLon,maxLat with min < max');
  return { minLon, minLat, maxLon, maxLat };
}

/** GeoJSON for the map: clusters with counts at low zoom, single communities or places when zoomed in. */
@Injectable()
export class GeoService {
  constructor(private readonly dataSource: DataSource) {}

  async features(query: GeoQueryDto): Promise<GeoFeatureCollectionDto> {
    const bbox = parseBbox(query.bbox);
    const layer = query.layer ?? 'communities';
    const filters = { department: query.department, needStatus: query.needStatus, minUrgency: query.minUrgency };
    if (layer === 'places') {
      const area = (bbox.maxLon - bbox.minLon) * (bbox.maxLat - bbox.minLat);
      // A zoomed-in request over a huge box would return tens of thousands of points: cluster it instead.
      const zoom = query.zoom > PLACE_CLUSTER_MAX_ZOOM && area > MAX_POINT_BOX_AREA ? PLACE_CLUSTER_MAX_ZOOM : query.zoom;
      const sql = placesSql(bbox, zoom, filters);
      const rows = await this.dataSource.query<Array<Record<string, unknown>>>(sql.text, sql.values);
      const clustered = zoom <= PLACE_CLUSTER_MAX_ZOOM;
      const truncated = !clustered && rows.length > MAX_POINTS;
      const features = rows
        .slice(0, MAX_POINTS)
        .map((r): GeoFeatureDto =>
          clustered
            ? feature(r, { kind: 'cluster', count: Number(r.count), id: null, name: null, maxOpenUrgency: null })
            : feature(r, { kind: 'place', count: 1, id: String(r.code), name: String(r.name), maxOpenUrgency: null }),
        );
      return { type: 'FeatureCollection', features, meta: { layer, zoom: query.zoom, clustered, truncated } };
    }
    const sql = communitiesSql(bbox, query.zoom, filters);
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(sql.text, sql.values);
    const clustered = query.zoom <= COMMUNITY_CLUSTER_MAX_ZOOM;
    const truncated = !clustered && rows.length > MAX_POINTS;
    const features = rows.slice(0, MAX_POINTS).map((r): GeoFeatureDto => {
      const maxOpenUrgency = r.max_urgency === null ? null : Number(r.max_urgency);
      if (!clustered) return feature(r, { kind: 'community', count: 1, id: String(r.id), name: String(r.name), maxOpenUrgency });
      const count = Number(r.count);
      // A cluster of one is shown as the community itself, so it can be opened from the map.
      return count === 1
        ? feature(r, { kind: 'community', count, id: String(r.sample_id), name: String(r.sample_name), maxOpenUrgency })
        : feature(r, { kind: 'cluster', count, id: null, name: null, maxOpenUrgency });
    });
    return { type: 'FeatureCollection', features, meta: { layer, zoom: query.zoom, clustered, truncated } };
  }
}

function feature(r: Record<string, unknown>, properties: GeoFeatureDto['properties']): GeoFeatureDto {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [round5(Number(r.lon)), round5(Number(r.lat))] },
    properties,
  };
}

const round5 = (n: number): number => Math.round(n * 1e5) / 1e5;
