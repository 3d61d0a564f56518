import './coverage-layers.css';
import { circleMarker, geoJSON, layerGroup, type LayerGroup, type PathOptions } from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMap } from 'react-leaflet';
import { formatNumber } from '@app/format';
import { coverageClassLabel } from '../features/reports/components/classLabel';
import {
  byDistrict,
  byProvince,
  COVERAGE_COLOURS,
  coverageClass,
  coverageRatio,
  type AreaCoverage,
  type CoverageClass,
} from '../features/reports/coverage';
import { useCoverage, useDistrictCentroids } from '../features/reports/hooks/useReports';
import { useOutlines, type ProvinceProps } from './outlines-data';

export interface CoverageLayerProps {
  from?: string;
  to?: string;
  days?: number;
}

// Provinces above the outlines (their white land fill would hide a fill underneath), districts above those.
const provincePane = 'coverage-provinces';
const districtPane = 'coverage-districts';

/**
 * Coverage choropleth: households reached per open need (the coverage report, categories summed).
 * There are no district polygons, so provinces are filled by their districts' totals (province
 * UBIGEO = first four digits of the district's) and each district is a circle at its centroid,
 * coloured by its own class and sized by its open needs. Areas with neither reach nor open needs are
 * not drawn. Fetches its own data; adds itself on mount, removes itself on unmount.
 */
export function CoverageLayer({ from, to, days }: CoverageLayerProps) {
  const map = useMap();
  const { t, i18n } = useTranslation();
  const coverage = useCoverage({ from, to, days });
  const { provinces: outlines } = useOutlines();
  const rows = coverage.data?.districts;
  const districts = useMemo(() => byDistrict(rows ?? []), [rows]);
  const provinces = useMemo(() => byProvince(rows ?? []), [rows]);
  const ubigeos = useMemo(() => districts.map((d) => d.ubigeo), [districts]);
  const centroids = useDistrictCentroids(ubigeos);
  const provinceGroup = useRef<LayerGroup | null>(null);
  const districtGroup = useRef<LayerGroup | null>(null);

  useEffect(() => {
    const panes = [
      { name: provincePane, z: '405', testid: 'map-coverage-provinces' },
      { name: districtPane, z: '430', testid: 'map-coverage-districts' },
    ];
    for (const p of panes) {
      const pane = map.getPane(p.name) ?? map.createPane(p.name);
      pane.style.zIndex = p.z;
      pane.dataset.testid = p.testid;
    }
    const pg = layerGroup().addTo(map);
    const dg = layerGroup().addTo(map);
    provinceGroup.current = pg;
    districtGroup.current = dg;
    return () => {
      pg.remove();
      dg.remove();
      provinceGroup.current = null;
      districtGroup.current = null;
    };
  }, [map]);

  useEffect(() => {
    const pg = provinceGroup.current;
    const dg = districtGroup.current;
    if (!pg || !dg) return;
    pg.clearLayers();
    dg.clearLayers();
    const n = (v: number) => formatNumber(v, i18n.language);
    const describe = (a: AreaCoverage, c: CoverageClass) => {
      const ratio = coverageRatio(a);
      const level = coverageClassLabel(t, c);
      return t('reports.map.area', {
        name: a.name,
        level:
          ratio === null
            ? level
            : `${level} (${t('reports.map.ratio', { ratio: formatNumber(ratio, i18n.language, { maximumFractionDigits: 1 }) })})`,
        reached: n(a.householdsReached),
        needs: n(a.openNeeds),
        households: n(a.openNeedHouseholds),
      });
    };

    if (outlines.data) {
      const byUbigeo = new Map(provinces.map((p) => [p.ubigeo, p]));
      const filled = geoJSON(outlines.data, {
        pane: provincePane,
        filter: (feature) => {
          const area = byUbigeo.get((feature.properties as ProvinceProps).ubigeo);
          return area !== undefined && coverageClass(area) !== null;
        },
        style: (feature): PathOptions => {
          const area = byUbigeo.get((feature?.properties as ProvinceProps).ubigeo);
          const c = area ? coverageClass(area) : null;
          return {
            className: `coverage-province coverage--${c ?? 'none'}`,
            color: '#3d4a57',
            weight: 0.8,
            fillColor: c ? COVERAGE_COLOURS[c] : 'transparent',
            fillOpacity: 0.62,
          };
        },
        onEachFeature: (feature, layer) => {
          const area = byUbigeo.get((feature.properties as ProvinceProps).ubigeo);
          const c = area ? coverageClass(area) : null;
          if (area && c) layer.bindTooltip(textTip(describe(area, c)), { sticky: true, className: 'coverage-tip' });
        },
      });
      filled.addTo(pg);
    }

    for (const d of districts) {
      const c = coverageClass(d);
      const at = centroids.get(d.ubigeo);
      if (!c || !at) continue;
      const label = describe(d, c);
      const marker = circleMarker([at.lat, at.lon], {
        pane: districtPane,
        radius: Math.min(14, 5 + Math.sqrt(d.openNeeds) * 2),
        color: '#1f2933',
        weight: 1.2,
        fillColor: COVERAGE_COLOURS[c],
        fillOpacity: 0.95,
        className: `coverage-district coverage--${c}`,
      });
      marker.bindTooltip(textTip(label), { direction: 'top', className: 'coverage-tip' });
      marker.addTo(dg);
      const el = marker.getElement();
      if (el) {
        el.setAttribute('role', 'img');
        el.setAttribute('aria-label', label);
      }
    }
  }, [outlines.data, provinces, districts, centroids, t, i18n.language]);

  return null;
}

/** Leaflet puts a string tooltip in as HTML; names go in as text. */
function textTip(text: string): HTMLElement {
  const box = document.createElement('div');
  box.textContent = text;
  return box;
}
