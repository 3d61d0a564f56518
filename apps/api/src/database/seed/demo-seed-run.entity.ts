import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which demo seeders already ran on this database, so a later release adds only its new demo data. */
@Entity({ name: 'demo_seed_runs' })
export class DemoSeedRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'timestamptz', name: 'ran_at', default: () => 'now()' })
  ranAt: Date;
}
