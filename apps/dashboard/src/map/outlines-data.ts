import { useQuery } from '@tanstack/react-query';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** Properties of public/geo/*.geojson (see public/geo/ATTRIBUTION.md). */
export interface DepartmentProps {
  ubigeo: string;
  pcode: string;
  name: string;
}
export interface ProvinceProps extends DepartmentProps {
  department_ubigeo: string;
  department: string;
}
export type Outlines<P> = FeatureCollection<Polygon | MultiPolygon, P>;

// Static files next to the app (not bundled into JS), cached by the browser and kept for the session.
async function fetchGeo<P>(file: string): Promise<Outlines<P>> {
  const response = await fetch(`/geo/${file}`);
  if (!response.ok) throw new Error(`GET /geo/${file}: ${response.status}`);
  return (await response.json()) as Outlines<P>;
}

export function useOutlines() {
  const departments = useQuery({
    queryKey: ['geo', 'departments'],
    queryFn: () => fetchGeo<DepartmentProps>('peru_departamentos.geojson'),
    staleTime: Infinity,
    gcTime: Infinity,
  });
  const provinces = useQuery({
    queryKey: ['geo', 'provinces'],
    queryFn: () => fetchGeo<ProvinceProps>('peru_provincias.geojson'),
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return { departments, provinces };
}
