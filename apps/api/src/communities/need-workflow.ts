import type { Role } from '../platform/auth/roles';
import type { NeedStatus } from './communities.entities';

/**
 * The needs workflow: who may move a request from which status to which. A leader asks, a
 * coordinator (the local board or research commission of a partner organisation) approves or
 * rejects, and deliveries (coordinators, storekeepers) mark it partially or fully fulfilled.
 */
export const NEED_TRANSITIONS: Record<NeedStatus, readonly NeedStatus[]> = {
  submitted: ['approved', 'rejected', 'cancelled'],
  approved: ['partially_fulfilled', 'fulfilled', 'cancelled'],
  partially_fulfilled: ['fulfilled', 'cancelled'],
  rejected: [],
  fulfilled: [],
  cancelled: [],
};

/** Roles allowed to move a need INTO each status (creation = 'submitted'). */
export const NEED_TARGET_ROLES: Record<NeedStatus, readonly Role[]> = {
  submitted: ['admin', 'coordinator', 'leader'],
  approved: ['admin', 'coordinator'],
  rejected: ['admin', 'coordinator'],
  partially_fulfilled: ['admin', 'coordinator', 'storekeeper'],
  fulfilled: ['admin', 'coordinator', 'storekeeper'],
  cancelled: ['admin', 'coordinator', 'leader'],
};

/** Statuses in which a need still waits for aid (shown on the map's urgency colour). */
export const OPEN_NEED_STATUSES: readonly NeedStatus[] = ['submitted', 'approved', 'partially_fulfilled'];

export function canTransition(from: NeedStatus, to: NeedStatus): boolean {
  return NEED_TRANSITIONS[from].includes(to);
}

export function roleMayMoveTo(roles: readonly Role[], to: NeedStatus): boolean {
  return roles.some((role) => NEED_TARGET_ROLES[to].includes(role));
}

/** A leader may only cancel a request that nobody has decided on yet. */
export function leaderMayCancel(from: NeedStatus): boolean {
  return from === 'submitted';
}
