import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';

@Entity({ name: 'warehouses' })
@Index('uq_warehouses_org_name', ['organizationId', 'name'], { unique: true })
@Check('ck_warehouses_coordinates', `latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180`)
@Check('ck_warehouses_capacity', `capacity_m3 > 0`)
@Check('ck_warehouses_ubigeo', `district_ubigeo ~ '^[0-9]{6}$'`)
export class WarehouseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'organization_id' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_warehouses_organization' })
  organization?: OrganizationEntity;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'double precision' })
  latitude: number;

  @Column({ type: 'double precision' })
  longitude: number;

  @Column({ type: 'varchar', length: 6, name: 'district_ubigeo' })
  districtUbigeo: string;

  @Column({ type: 'numeric', precision: 10, scale: 2, name: 'capacity_m3' })
  capacityM3: string;

  @Column({ type: 'uuid', array: true, default: () => "'{}'", name: 'responsible_user_ids' })
  responsibleUserIds: string[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
