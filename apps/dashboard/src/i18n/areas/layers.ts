import type { Messages } from './messages';

// Map layers and their legend (issue #8).
// Spanish (Peru) is the source; the English object must have exactly the same keys (es.ts/en.ts enforce it).
export const layersEs = {
  layers: {
    title: 'Capas',
    names: {
      necesidades: 'Necesidades por urgencia',
      lugares: 'Centros poblados (INEI)',
      almacenes: 'Almacenes',
      rutas: 'Rutas por vehículo (planes en curso)',
      paradas: 'Paradas por estado',
      cobertura: 'Cobertura por distrito',
      brechas: 'Brechas de atención',
    },
    needsKey: 'Urgencia más alta de las necesidades abiertas',
    stopsKey: 'Estado de las paradas',
    closePopup: 'Cerrar',
    places: {
      cluster: '{{formatted}} centros poblados; acercar',
      place: 'Centro poblado {{name}}',
      code: 'Código INEI: {{code}}',
    },
    warehouses: {
      marker: 'Almacén {{name}}',
      district: 'Distrito: {{name}}',
      capacity: 'Capacidad: {{m3}} m³',
      open: 'Ver inventario',
    },
    routes: {
      line: 'Ruta de {{vehicle}} ({{plan}}), {{stops}} paradas; abrir el plan',
    },
    stops: {
      marker: '{{community}}: {{status}} ({{plan}})',
    },
  },
};

export const layersEn: Messages<typeof layersEs> = {
  layers: {
    title: 'Layers',
    names: {
      necesidades: 'Needs by urgency',
      lugares: 'Populated places (INEI)',
      almacenes: 'Warehouses',
      rutas: 'Routes per vehicle (plans in progress)',
      paradas: 'Stops by status',
      cobertura: 'Coverage by district',
      brechas: 'Coverage gaps',
    },
    needsKey: 'Highest urgency of open needs',
    stopsKey: 'Stop status',
    closePopup: 'Close',
    places: {
      cluster: '{{formatted}} populated places; zoom in',
      place: 'Populated place {{name}}',
      code: 'INEI code: {{code}}',
    },
    warehouses: {
      marker: 'Warehouse {{name}}',
      district: 'District: {{name}}',
      capacity: 'Capacity: {{m3}} m³',
      open: 'Open inventory',
    },
    routes: {
      line: 'Route of {{vehicle}} ({{plan}}), {{stops}} stops; open the plan',
    },
    stops: {
      marker: '{{community}}: {{status}} ({{plan}})',
    },
  },
};
