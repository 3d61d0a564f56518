import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { generateConfirmationCode, hashConfirmationCode, sealConfirmationCode } from '../../apps/api/src/deliveries/confirmation-codes';
import type { RouteStatus, StopStatus } from '../../apps/api/src/deliveries/deliveries.entities';
import { type Actor, StockLedgerService } from '../../apps/api/src/inventory/stock-ledger.service';
import { TEST_JWT_SECRET, type BootedApp } from './app';

/**
 * A loaded route written straight into the test database, as the plans use cases leave it: plan,
 * vehicle, route, stops with lines whose stock was reserved and dispatched through the real ledger
 * (so `dispatched_lots` and the balances are right), and per-stop confirmation codes (hash + sealed
 * copy). Lets the confirmation tests run without the whole plan → optimise → load flow over HTTP.
 */
export interface FixtureLine {
  kitTypeId: string;
  quantity: number;
  /**
   * Receive `quantity` (default: the line's) units first into a lot with this funding source; it
   * expires in two days, so FEFO dispatches it before the depot's other lots.
   */
  funding?: { type: 'donation' | 'campaign'; id: string; quantity?: number };
}

export interface FixtureStop {
  communityId: string;
  needRequestId?: string | null;
  status?: StopStatus;
  deliveredAt?: Date | null;
  lines: FixtureLine[];
  /** Default: `DELIVERY_CODE_TTL_DAYS` (14) after now. */
  codeExpiresAt?: Date;
}

export interface LoadedRouteOptions {
  /** The user the plan belongs to (its organisation) and who "loaded" it; default the demo coordinator. */
  ownerEmail?: string;
  depotWarehouseId: string;
  routeStatus?: RouteStatus;
  driverName?: string;
  stops: FixtureStop[];
}

export interface LoadedStop {
  id: string;
  code: string;
  communityId: string;
  lines: Array<{ id: string; kitTypeId: string; dispatched: number; dispatchedLots: Array<{ lotId: string; quantity: number }> }>;
}

export interface LoadedRoute {
  planId: string;
  routeId: string;
  vehicleId: string;
  organizationId: string;
  stops: LoadedStop[];
}

export async function createLoadedRoute(app: BootedApp, options: LoadedRouteOptions): Promise<LoadedRoute> {
  const ledger = app.app.get(StockLedgerService);
  const [owner] = await app.dataSource.query<Array<{ id: string; organization_id: string; roles: string[] }>>(
    'SELECT id, organization_id, roles FROM users WHERE email = $1',
    [options.ownerEmail ?? 'coordinador@minka.demo'],
  );
  if (!owner) throw new Error('fixture owner not found');
  const actor: Actor = { id: owner.id, organizationId: owner.organization_id, roles: owner.roles };
  return app.dataSource.transaction(async (manager: EntityManager) => {
    const planId = randomUUID();
    const vehicleId = randomUUID();
    const routeId = randomUUID();
    const today = new Date().toISOString().slice(0, 10);
    await manager.query(
      `INSERT INTO delivery_plans (id, organization_id, name, depot_warehouse_id, start_date, end_date, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $5, 'dispatched', $6)`,
      [planId, owner.organization_id, `Ronda de prueba ${planId.slice(0, 6)}`, options.depotWarehouseId, today, owner.id],
    );
    await manager.query(
      `INSERT INTO delivery_vehicles (id, plan_id, name, type, capacity_kg, capacity_m3, capacity_kits, driver_name)
       VALUES ($1, $2, 'Camioneta 4x4 Hilux', 'pickup', 900, 4, 200, $3)`,
      [vehicleId, planId, options.driverName ?? 'Julián Mamani'],
    );
    await manager.query(
      `INSERT INTO delivery_routes (id, plan_id, vehicle_id, status, departure_at, loaded_at)
       VALUES ($1, $2, $3, $4, now(), now())`,
      [routeId, planId, vehicleId, options.routeStatus ?? 'loaded'],
    );
    const stops: LoadedStop[] = [];
    for (const [index, stop] of options.stops.entries()) {
      const stopId = randomUUID();
      const code = await freshCode(manager);
      await manager.query(
        `INSERT INTO delivery_stops (id, plan_id, community_id, need_request_id, status, route_id, sequence, eta, delivered_at,
                                     confirmation_code_hash, confirmation_code_sealed, code_expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(hours => $7), $8, $9, $10, $11)`,
        [
          stopId,
          planId,
          stop.communityId,
          stop.needRequestId ?? null,
          stop.status ?? 'pending',
          routeId,
          index + 1,
          stop.deliveredAt ?? null,
          hashConfirmationCode(code),
          sealConfirmationCode(code, TEST_JWT_SECRET),
          stop.codeExpiresAt ?? new Date(Date.now() + 14 * 86_400_000),
        ],
      );
      const lines: LoadedStop['lines'] = [];
      for (const line of stop.lines) {
        if (line.funding) {
          await ledger.receive(manager, actor, {
            warehouseId: options.depotWarehouseId,
            lines: [
              {
                kitTypeId: line.kitTypeId,
                quantity: line.funding.quantity ?? line.quantity,
                lotCode: `FX-${randomUUID().slice(0, 8)}`,
                expiryDate: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10),
                fundingSourceType: line.funding.type,
                fundingSourceId: line.funding.id,
              },
            ],
          });
        }
        const lineId = randomUUID();
        await manager.query('INSERT INTO delivery_stop_lines (id, stop_id, kit_type_id, quantity) VALUES ($1, $2, $3, $4)', [
          lineId,
          stopId,
          line.kitTypeId,
          line.quantity,
        ]);
        const reservation = await ledger.reserve(manager, actor, {
          warehouseId: options.depotWarehouseId,
          kitTypeId: line.kitTypeId,
          quantity: line.quantity,
          referenceType: 'delivery_stop_line',
          referenceId: lineId,
        });
        const op = await ledger.dispatch(manager, actor, { reservationId: reservation.id });
        const dispatchedLots = op.movements.map((m) => ({ lotId: m.lotId, quantity: -m.onHandDelta })).filter((l) => l.quantity > 0);
        const dispatched = dispatchedLots.reduce((s, l) => s + l.quantity, 0);
        await manager.query(
          'UPDATE delivery_stop_lines SET reservation_id = $2, dispatched = $3, dispatched_lots = $4::jsonb WHERE id = $1',
          [lineId, reservation.id, dispatched, JSON.stringify(dispatchedLots)],
        );
        lines.push({ id: lineId, kitTypeId: line.kitTypeId, dispatched, dispatchedLots });
      }
      stops.push({ id: stopId, code, communityId: stop.communityId, lines });
    }
    return { planId, routeId, vehicleId, organizationId: owner.organization_id, stops };
  });
}

async function freshCode(manager: EntityManager): Promise<string> {
  for (;;) {
    const code = generateConfirmationCode();
    const taken = await manager.query<unknown[]>('SELECT 1 FROM delivery_stops WHERE confirmation_code_hash = $1', [
      hashConfirmationCode(code),
    ]);
    if (taken.length === 0) return code;
  }
}
