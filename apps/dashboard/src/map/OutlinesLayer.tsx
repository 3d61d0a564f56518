import { geoJSON, type GeoJSON as GeoJSONLayer, type Path, type PathOptions } from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { DepartmentProps, Outlines, ProvinceProps } from './outlines-data';

const paneName = 'outlines';

// Provinces: thin, light lines; filled with "land" colour when there is no tile layer underneath.
const provinceStyle = (filled: boolean): PathOptions => ({
  className: 'outline outline--province',
  color: '#8a97a6',
  weight: 0.6,
  fill: filled,
  fillColor: '#ffffff',
  fillOpacity: 1,
  interactive: false,
});
// Departments on top: thicker, darker, transparent fill that still catches hover and taps.
const departmentStyle: PathOptions = {
  className: 'outline outline--department',
  color: '#2f3e4e',
  weight: 1.8,
  fill: true,
  fillColor: '#1b6f93',
  fillOpacity: 0,
};
const departmentHover: PathOptions = { fillOpacity: 0.12, weight: 2.6 };
const departmentSelected: PathOptions = { fillOpacity: 0.22, weight: 2.6 };

interface Props {
  departments: Outlines<DepartmentProps>;
  provinces: Outlines<ProvinceProps>;
  /** Draw the land fill (no basemap tiles): the outlines are then the whole map. */
  filled: boolean;
  /** Shown in the map's attribution control while the layer is on the map. */
  attribution: string;
  selected: string | null;
  onSelect: (department: DepartmentProps) => void;
}

/** Department and province outlines (INEI, via public/geo). Adds itself on mount, removes on unmount. */
export function OutlinesLayer({
  departments,
  provinces,
  filled,
  attribution,
  selected,
  onSelect,
}: Props) {
  const map = useMap();
  const provincesRef = useRef<GeoJSONLayer | null>(null);
  const departmentsRef = useRef<GeoJSONLayer | null>(null);
  const selectedRef = useRef(selected);
  const onSelectRef = useRef(onSelect);
  selectedRef.current = selected;
  onSelectRef.current = onSelect;

  useEffect(() => {
    // A pane of its own gives the outlines their own SVG, which tests and styles can find.
    const pane = map.getPane(paneName) ?? map.createPane(paneName);
    pane.dataset.testid = 'map-outlines';

    const provinceLayer = geoJSON(provinces, { pane: paneName, style: provinceStyle(true) });
    const departmentLayer = geoJSON(departments, {
      pane: paneName,
      style: departmentStyle,
      onEachFeature: (feature, layer) => {
        const props = feature.properties as DepartmentProps;
        layer.bindTooltip(props.name, {
          sticky: true,
          direction: 'top',
          className: 'outline-tooltip',
        });
        const path = layer as Path;
        layer.on({
          mouseover: () => path.setStyle(departmentHover),
          mouseout: () =>
            path.setStyle(
              selectedRef.current === props.ubigeo ? departmentSelected : departmentStyle,
            ),
          click: () => onSelectRef.current(props),
        });
      },
    });
    provinceLayer.addTo(map);
    departmentLayer.addTo(map);
    provincesRef.current = provinceLayer;
    departmentsRef.current = departmentLayer;
    return () => {
      departmentLayer.remove();
      provinceLayer.remove();
      provincesRef.current = null;
      departmentsRef.current = null;
    };
  }, [map, departments, provinces]);

  useEffect(() => {
    provincesRef.current?.setStyle(provinceStyle(filled));
  }, [filled, departments, provinces]);

  useEffect(() => {
    departmentsRef.current?.eachLayer((layer) => {
      const ubigeo = (layer as Path & { feature?: { properties: DepartmentProps } }).feature
        ?.properties.ubigeo;
      (layer as Path).setStyle(ubigeo === selected ? departmentSelected : departmentStyle);
    });
  }, [selected, departments, provinces]);

  useEffect(() => {
    const control = map.attributionControl;
    control?.addAttribution(attribution);
    return () => {
      control?.removeAttribution(attribution);
    };
  }, [map, attribution]);

  return null;
}
