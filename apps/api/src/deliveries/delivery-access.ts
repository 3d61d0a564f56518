import { HttpStatus } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isLeaderOf } from '../communities/community-access';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { DomainError, notFound } from '../platform/errors/domain-error';
import { DeliveryPlanEntity, type DeliveryStopEntity } from './deliveries.entities';
import { DELIVERY_ERRORS } from './deliveries.errors';

/**
 * Object-level checks of the deliveries domain. A plan is changed only by admins and by
 * coordinators of the plan's organisation; anything else is 403 DELIVERY_PLAN_NOT_OWN (the problem
 * filter audit-logs every 403). `lock` takes a row lock for the rest of the transaction.
 */
export async function planForUser(
  manager: EntityManager,
  user: AuthenticatedUser,
  planId: string,
  options: { lock?: boolean } = {},
): Promise<DeliveryPlanEntity> {
  const plan = await manager.findOne(DeliveryPlanEntity, {
    where: { id: planId },
    ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!plan) throw notFound();
  if (!canActOnPlan(user, plan)) throw new DomainError(DELIVERY_ERRORS.DELIVERY_PLAN_NOT_OWN, HttpStatus.FORBIDDEN);
  return plan;
}

export function canActOnPlan(user: AuthenticatedUser, plan: { organizationId: string }): boolean {
  if (user.roles.includes('admin')) return true;
  return user.roles.includes('coordinator') && user.organizationId === plan.organizationId;
}

/** A leader acts on a stop only when it is for one of the communities they lead. */
export async function assertLeaderOfStop(manager: EntityManager, user: AuthenticatedUser, stop: DeliveryStopEntity): Promise<void> {
  if (!(await isLeaderOf(manager, user, stop.communityId))) {
    throw new DomainError(DELIVERY_ERRORS.DELIVERY_STOP_NOT_OWN_COMMUNITY, HttpStatus.FORBIDDEN);
  }
}
