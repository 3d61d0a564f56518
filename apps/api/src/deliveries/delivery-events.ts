import type { EntityManager } from 'typeorm';
import { requestContext } from '../platform/http/request-context';
import { DeliveryEventEntity } from './deliveries.entities';

export interface DeliveryEventInput {
  planId: string;
  routeId?: string | null;
  stopId?: string | null;
  /** e.g. plan.created, stops.allocated, plan.optimised, route.loaded, stop.delivered, stop.confirmed */
  kind: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  detail?: string | null;
  /** Defaults to the authenticated user of the request (null for code/SMS confirmations). */
  actorUserId?: string | null;
}

/** Appends timeline events of plans, routes and stops inside the caller's transaction. */
export async function recordDeliveryEvents(manager: EntityManager, events: DeliveryEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const actor = requestContext.current()?.user?.id ?? null;
  await manager.insert(
    DeliveryEventEntity,
    events.map((e) => ({
      planId: e.planId,
      routeId: e.routeId ?? null,
      stopId: e.stopId ?? null,
      kind: e.kind,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      detail: e.detail ? e.detail.slice(0, 500) : null,
      actorUserId: e.actorUserId !== undefined ? e.actorUserId : actor,
    })),
  );
}
