import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';

/** Admins act on every community; coordinators only on those their organisation partners with. */
export async function isPartnerOrAdmin(manager: EntityManager, user: AuthenticatedUser, communityId: string): Promise<boolean> {
  if (user.roles.includes('admin')) return true;
  if (!user.roles.includes('coordinator')) return false;
  const rows = await manager.query<unknown[]>('SELECT 1 FROM community_partners WHERE community_id = $1 AND organization_id = $2', [
    communityId,
    user.organizationId,
  ]);
  return rows.length > 0;
}

/** A leader user acts for the communities where a leader record is linked to their account. */
export async function isLeaderOf(manager: EntityManager, user: AuthenticatedUser, communityId: string): Promise<boolean> {
  if (!user.roles.includes('leader')) return false;
  const rows = await manager.query<unknown[]>('SELECT 1 FROM community_leaders WHERE community_id = $1 AND user_id = $2 AND active', [
    communityId,
    user.id,
  ]);
  return rows.length > 0;
}
