import { safeCsvCell } from '../communities/csv-safety';
import type { KitCategory } from '../inventory/kit-type.entity';

/** 3W/4W columns: [header, HXL hashtag] in export order (the list, exactly). */
export const THREE_W_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['Organización implementadora', '#org+impl+name'],
  ['Organización financiadora', '#org+funding+name'],
  ['Sector', '#sector+name'],
  ['Actividad', '#activity+name'],
  ['Departamento', '#adm1+name'],
  ['Código departamento', '#adm1+code'],
  ['Provincia', '#adm2+name'],
  ['Código provincia', '#adm2+code'],
  ['Distrito', '#adm3+name'],
  ['Código distrito', '#adm3+code'],
  ['Comunidad', '#loc+name'],
  ['Código centro poblado', '#loc+code'],
  ['Latitud', '#geo+lat'],
  ['Longitud', '#geo+lon'],
  ['Fecha inicio', '#date+start'],
  ['Fecha fin', '#date+end'],
  ['Estado', '#status'],
  ['Hogares meta', '#targeted+hh'],
  ['Hogares alcanzados', '#reached+hh'],
  ['Kits', '#item+name'],
  ['Kits entregados', '#output+num'],
];

/** Humanitarian sector of a kit category (Spanish, as the cluster system names them in Peru). */
export const SECTOR_LABELS: Record<KitCategory, string> = {
  hygiene: 'Higiene',
  food: 'Seguridad alimentaria',
  medical: 'Salud',
  water_sanitation: 'Agua y saneamiento',
  shelter: 'Albergue',
  other: 'Otros',
};

export const THREE_W_STATUSES = ['planned', 'dispatched', 'delivered', 'confirmed'] as const;
export type ThreeWStatus = (typeof THREE_W_STATUSES)[number];

/** One aggregated row as read from the database (organisation × activity × place × status). */
export interface ThreeWRow {
  orgName: string;
  fundingOrgs: string | null;
  category: KitCategory;
  adm1Name: string;
  adm1Code: string;
  adm2Name: string;
  adm2Code: string;
  adm3Name: string;
  adm3Code: string;
  locName: string;
  locCode: string | null;
  lat: number;
  lon: number;
  dateStart: string;
  dateEnd: string;
  status: ThreeWStatus;
  targetedHh: number;
  reachedHh: number;
  items: string;
  output: number;
}

export type HxlCell = string | number;

/** A row as HXL cells, in `THREE_W_COLUMNS` order. */
export function threeWCells(row: ThreeWRow): HxlCell[] {
  const sector = SECTOR_LABELS[row.category] ?? row.category;
  return [
    row.orgName,
    row.fundingOrgs ?? '',
    sector,
    `Distribución de kits de ${sector.toLowerCase()}`,
    row.adm1Name,
    row.adm1Code,
    row.adm2Name,
    row.adm2Code,
    row.adm3Name,
    row.adm3Code,
    row.locName,
    row.locCode ?? '',
    Math.round(row.lat * 1e5) / 1e5,
    Math.round(row.lon * 1e5) / 1e5,
    row.dateStart,
    row.dateEnd,
    row.status,
    row.targetedHh,
    row.reachedHh,
    row.items,
    row.output,
  ];
}

/** HXL table: header row, hashtag row right under it, then the data rows. */
export function hxlTable(rows: ThreeWRow[]): HxlCell[][] {
  return [THREE_W_COLUMNS.map(([h]) => h), THREE_W_COLUMNS.map(([, tag]) => tag), ...rows.map(threeWCells)];
}

/** The same table with every text cell guarded against spreadsheet formula injection (for CSV). */
export function csvSafeTable(table: HxlCell[][]): HxlCell[][] {
  return table.map((row) => row.map((cell) => safeCsvCell(cell)));
}
