import { RefreshTokenEntity } from '../auth/refresh-token.entity';
import { COMMUNITY_ENTITIES } from '../communities/communities.entities';
import { DELIVERY_ENTITIES } from '../deliveries/deliveries.entities';
import { DONATION_ENTITIES } from '../donations/donation.entities';
import { DepartmentEntity, DistrictEntity, ProvinceEntity } from '../geography/geography.entities';
import { INVENTORY_ENTITIES } from '../inventory/inventory.entities';
import { OrganizationEntity } from '../organizations/organization.entity';
import { AuditLogEntity } from '../platform/audit/audit-log.entity';
import { IdempotencyKeyEntity } from '../platform/idempotency/idempotency-key.entity';
import { RateLimitBucketEntity } from '../platform/throttle/rate-limit-bucket.entity';
import { UserEntity } from '../users/user.entity';
import { DemoSeedRunEntity } from './seed/demo-seed-run.entity';

/** Every entity of the application; the migration drift check compares them with the migrated schema. */
export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  RefreshTokenEntity,
  AuditLogEntity,
  IdempotencyKeyEntity,
  RateLimitBucketEntity,
  DepartmentEntity,
  ProvinceEntity,
  DistrictEntity,
  DemoSeedRunEntity,
  ...DONATION_ENTITIES,
  ...COMMUNITY_ENTITIES,
  ...INVENTORY_ENTITIES,
  ...DELIVERY_ENTITIES,
];
