import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * INEI UBIGEO reference geography (codes are strings with leading zeros). Loaded by a migration
 * from the CSVs in database/reference-data (see its ATTRIBUTION.md). P-code = 'PE' + ubigeo.
 */
abstract class AdminArea {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  ubigeo: string;

  @Column({ type: 'varchar', length: 8 })
  pcode: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  capital: string | null;

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ type: 'double precision', nullable: true })
  lon: number | null;

  @Column({ type: 'real', nullable: true, name: 'altitude_m' })
  altitudeM: number | null;

  @Column({ type: 'integer', nullable: true, name: 'population_2025' })
  population2025: number | null;

  @Column({ type: 'real', nullable: true, name: 'area_km2' })
  areaKm2: number | null;

  @Column({ type: 'real', nullable: true, name: 'idh_2019' })
  idh2019: number | null;

  @Column({ type: 'real', nullable: true, name: 'poverty_total_pct' })
  povertyTotalPct: number | null;

  @Column({ type: 'real', nullable: true, name: 'poverty_extreme_pct' })
  povertyExtremePct: number | null;

  @Column({ type: 'real', nullable: true, name: 'food_vulnerability_index' })
  foodVulnerabilityIndex: number | null;
}

@Entity({ name: 'departments' })
export class DepartmentEntity extends AdminArea {}

@Entity({ name: 'provinces' })
export class ProvinceEntity extends AdminArea {
  @Index('ix_provinces_department')
  @Column({ type: 'varchar', length: 2, name: 'department_ubigeo' })
  departmentUbigeo: string;
}

@Entity({ name: 'districts' })
export class DistrictEntity extends AdminArea {
  @Index('ix_districts_department')
  @Column({ type: 'varchar', length: 2, name: 'department_ubigeo' })
  departmentUbigeo: string;

  @Index('ix_districts_province')
  @Column({ type: 'varchar', length: 4, name: 'province_ubigeo' })
  provinceUbigeo: string;
}
