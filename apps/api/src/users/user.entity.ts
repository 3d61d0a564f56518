import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';
import type { Role } from '../platform/auth/roles';

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

@Entity({ name: 'users' })
@Index('uq_users_email', { synchronize: false })
@Check(
  'ck_users_roles',
  `cardinality(roles) > 0 AND roles <@ ARRAY['admin','coordinator','storekeeper','fundraiser','leader','donor']::varchar[]`,
)
@Check('ck_users_status', `status IN ('active','disabled')`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'organization_id' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_users_organization' })
  organization?: OrganizationEntity;

  /** Stored lower-case; unique through the expression index created in the migration. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200, name: 'full_name' })
  fullName: string;

  @Column({ type: 'text', name: 'password_hash', select: false })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20, array: true })
  roles: Role[];

  @Column({ type: 'varchar', length: 10, default: 'active' })
  status: UserStatus;

  @Column({ type: 'varchar', length: 5, default: 'es', name: 'preferred_language' })
  preferredLanguage: string;

  /** Bumped whenever every session of the user must end (disable, password change). */
  @Column({ type: 'integer', default: 0, name: 'session_version' })
  sessionVersion: number;

  @Column({ type: 'timestamptz', nullable: true, name: 'last_login_at' })
  lastLoginAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
