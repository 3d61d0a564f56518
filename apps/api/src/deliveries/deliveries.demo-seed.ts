import { createHash, randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import type { DemoContext, DemoSeeder } from '../database/seed/demo-context';
import { StockLedgerService } from '../inventory/stock-ledger.service';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { PostgresThrottlerStorage } from '../platform/throttle/postgres-throttler.storage';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import { ConfirmationsService } from './confirmations.service';
import type { ConfirmationChannel } from './deliveries.entities';
import type { PlanDetailDto } from './dto/plan.dto';
import { PlansService } from './plans.service';
import { RoutesService } from './routes.service';

const DAY = 86_400_000;
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Two delivery rounds of Asociación Wayra Ayllu, made through the same use cases the API runs (the
 * demo seed is the ambient transaction they join):
 * - from the Cusco depot, a round completed ten days ago: allocated, optimised, loaded, delivered,
 *   confirmed once in every channel (the leader in the app, a code, an SMS, a phone call), with a
 *   few kits rejected as damaged (back in stock at close) and one missing;
 * - from the Puno depot, a round planned for next week: allocated and optimised, not yet loaded.
 */
export const deliveriesDemoSeeder: DemoSeeder = {
  name: 'deliveries.rounds',
  async run(ctx: DemoContext): Promise<void> {
    const { manager } = ctx;
    const ds = manager.connection;
    const audit = new AuditService(ds);
    const runner = new TransactionRunner(ds);
    const ledger = new StockLedgerService(audit);
    // Codes are sealed for reprinting manifests; the completed round's codes are all used, so a
    // throwaway key is enough here (the planned round is not loaded: it has no codes yet).
    const config = { jwtSecret: randomBytes(32).toString('hex'), deliveryCodeTtlDays: 14 } as AppConfig;
    const plans = new PlansService(ds, runner, audit, ledger);
    const routes = new RoutesService(ds, runner, audit, ledger, plans, config);
    const confirmations = new ConfirmationsService(runner, audit, new PostgresThrottlerStorage(ds), ds, config);

    const wayra = ctx.orgIds.get('wayra-ayllu') as string;
    const coordinator: AuthenticatedUser = {
      id: ctx.userIds.get('coordinador@minka.demo') as string,
      organizationId: wayra,
      email: 'coordinador@minka.demo',
      roles: ['coordinator'],
    };
    const leaderId = ctx.userIds.get('lider@minka.demo') as string;
    const leader: AuthenticatedUser = { id: leaderId, organizationId: '', email: 'lider@minka.demo', roles: ['leader'] };
    const [{ id: cusco }] = await manager.query<Array<{ id: string }>>(`SELECT id FROM warehouses WHERE name LIKE 'Almacén Cusco%'`);
    const [{ id: puno }] = await manager.query<Array<{ id: string }>>(`SELECT id FROM warehouses WHERE name LIKE 'Almacén Puno%'`);
    const kitIds = new Map(
      (await manager.query<Array<{ id: string; code: string }>>('SELECT id, code FROM kit_types WHERE is_current')).map((k) => [k.code, k.id]),
    );

    /**
     * Adds stops from the most urgent approved needs of partner communities in one department (one
     * per community), ten kits per line at most: the demo needs ask for far more than a depot holds.
     */
    const addNeeds = async (planId: string, depotId: string, department: string, modes: string[], count: number): Promise<void> => {
      const needs = await manager.query<Array<{ need_id: string; community_id: string; km: number }>>(
        `SELECT DISTINCT ON (n.community_id) n.id AS need_id, n.community_id, n.urgency, n.households_affected,
                111.2 * sqrt(power(c.lat - w.latitude, 2) + power((c.lon - w.longitude) * cos(radians(w.latitude)), 2)) AS km
           FROM need_requests n
           JOIN communities c ON c.id = n.community_id
           JOIN community_partners p ON p.community_id = c.id AND p.organization_id = $1
           JOIN warehouses w ON w.id = $4
          WHERE n.status = 'approved' AND c.district_ubigeo LIKE $2 || '%' AND c.access_mode = ANY($5::varchar[])
            AND EXISTS (SELECT 1 FROM need_request_lines l JOIN kit_types k ON k.code = l.kit_type_code AND k.is_current
                         WHERE l.need_request_id = n.id)
            AND NOT EXISTS (SELECT 1 FROM delivery_stops s WHERE s.community_id = n.community_id AND s.plan_id = $3)
          ORDER BY n.community_id, n.urgency DESC, n.households_affected DESC`,
        [wayra, department, planId, depotId, modes],
      );
      // The nearest ones: a one-day round from the depot.
      needs.sort((x, y) => x.km - y.km);
      for (const need of needs.slice(0, count)) {
        const lines = await manager.query<Array<{ kit_type_id: string; quantity: number }>>(
          `SELECT k.id AS kit_type_id, LEAST(l.quantity - l.quantity_fulfilled, 10)::int AS quantity
             FROM need_request_lines l JOIN kit_types k ON k.code = l.kit_type_code AND k.is_current
            WHERE l.need_request_id = $1 AND l.quantity > l.quantity_fulfilled`,
          [need.need_id],
        );
        await plans.addStop(coordinator, planId, {
          communityId: need.community_id,
          needRequestId: need.need_id,
          lines: lines.map((l) => ({ kitTypeId: l.kit_type_id, quantity: l.quantity })),
        });
      }
    };

    // ---------------------------------------------------------------- the completed round (Cusco)
    const tenDaysAgo = Date.now() - 10 * DAY;
    const done = await plans.create(coordinator, {
      name: 'Ronda heladas Canchis y Acomayo',
      depotWarehouseId: cusco,
      startDate: isoDate(tenDaysAgo),
      endDate: isoDate(tenDaysAgo + DAY),
      notes: 'Kits de higiene, alimentos y botiquines para comunidades altoandinas afectadas por las heladas.',
    });
    await plans.addVehicle(coordinator, done.id, {
      name: 'Camioneta 4x4 Hilux',
      type: 'pickup',
      capacityKg: 900,
      capacityM3: 4,
      capacityKits: 80,
      skills: ['4x4'],
      driverName: 'Wilber Quispe',
    });
    await plans.addVehicle(coordinator, done.id, {
      name: 'Camión Volvo 8 t',
      type: 'truck',
      capacityKg: 8000,
      capacityM3: 30,
      capacityKits: 400,
      driverName: 'Rosa Mamani',
    });
    // The demo leader's own community, added by hand (their confirmation comes from the app).
    const [pomacanchi] = await manager.query<Array<{ community_id: string }>>(
      'SELECT community_id FROM community_leaders WHERE user_id = $1 AND active LIMIT 1',
      [leaderId],
    );
    if (pomacanchi) {
      await plans.addStop(coordinator, done.id, {
        communityId: pomacanchi.community_id,
        lines: [
          { kitTypeId: kitIds.get('KIT-HIG-FAM') as string, quantity: 12 },
          { kitTypeId: kitIds.get('KIT-MED-BOT') as string, quantity: 4 },
        ],
        notes: 'Entrega en el local comunal; avisar a la presidenta un día antes.',
      });
    }
    await addNeeds(done.id, cusco, '08', ['paved_road', 'unpaved_road'], 4);
    await plans.allocate(coordinator, done.id);
    let detail: PlanDetailDto = await routes.optimise(coordinator, done.id, { timeLimitMs: 1500 });
    ctx.progress('deliveries: completed round optimised');

    const channels: ConfirmationChannel[] = ['code', 'sms', 'phone', 'phone'];
    let channelIndex = 0;
    let partialDone = false;
    let missingDone = false;
    for (const route of detail.routes) {
      await routes.load(coordinator, route.id);
      await routes.start(coordinator, route.id);
      detail = await plans.get(coordinator, done.id);
      for (const stopId of route.stopIds) {
        const stop = detail.stops.find((s) => s.id === stopId);
        if (!stop) continue;
        const at = new Date(tenDaysAgo + 3 * 3_600_000 + (stop.sequence ?? 1) * 5_400_000);
        await routes.deliver(coordinator, stop.id, { deliveredAt: at.toISOString() });
        const fresh = (await plans.get(coordinator, done.id)).stops.find((s) => s.id === stopId);
        if (!fresh) continue;
        const isLeaders = pomacanchi && stop.communityId === pomacanchi.community_id;
        const channel: ConfirmationChannel = isLeaders ? 'app' : channels[channelIndex++ % channels.length];
        const lines = fresh.lines.map((l, i) => {
          if (!partialDone && i === 0 && l.dispatched >= 6) {
            partialDone = true;
            return { lineId: l.id, accepted: l.dispatched - 2, rejected: 2, rejectionReason: 'damaged' as const, missing: 0 };
          }
          if (!missingDone && channel === 'phone' && l.dispatched >= 4) {
            missingDone = true;
            return { lineId: l.id, accepted: l.dispatched - 1, rejected: 0, missing: 1 };
          }
          return { lineId: l.id, accepted: l.dispatched, rejected: 0, missing: 0 };
        });
        const [codeRow] = await manager.query<Array<{ hash: string | null }>>(
          'SELECT confirmation_code_hash AS hash FROM delivery_stops WHERE id = $1',
          [stop.id],
        );
        await confirmations.confirm(manager, {
          stopId: stop.id,
          channel,
          recorder: channel === 'app' ? leader : channel === 'phone' ? coordinator : null,
          expectedCodeHash: channel === 'code' || channel === 'sms' ? (codeRow?.hash ?? undefined) : undefined,
          senderHash: channel === 'sms' ? createHash('sha256').update('+51984000111').digest('hex') : null,
          proof: {
            receivedByName: channel === 'app' ? 'Presidenta de la comunidad' : 'Autoridad comunal',
            receivedByRole: channel === 'app' ? 'presidente comunal' : 'teniente gobernador',
            receivedAt: new Date(at.getTime() + 20 * 60_000),
            notes: lines.some((l) => l.rejected > 0) ? 'Dos cajas llegaron mojadas y rotas.' : null,
            lines,
          },
        });
      }
      await routes.complete(coordinator, route.id);
      await routes.close(coordinator, route.id);
    }
    ctx.progress('deliveries: completed round confirmed and closed');

    // ---------------------------------------------------------------- the planned round (Puno)
    const nextWeek = Date.now() + 7 * DAY;
    const planned = await plans.create(coordinator, {
      name: 'Ronda Altiplano — Ilave y Juli',
      depotWarehouseId: puno,
      startDate: isoDate(nextWeek),
      endDate: isoDate(nextWeek + 2 * DAY),
      notes: 'Salida de madrugada por las heladas; las acémilas llegan a las comunidades sin trocha.',
    });
    await plans.addVehicle(coordinator, planned.id, {
      name: 'Camioneta Altiplano',
      type: 'pickup',
      capacityKg: 900,
      capacityM3: 4,
      capacityKits: 80,
      workStartMin: 300,
      workEndMin: 1140,
      skills: ['4x4'],
      driverName: 'Néstor Condori',
    });
    await plans.addVehicle(coordinator, planned.id, {
      name: 'Equipo de acémilas',
      type: 'animal_team',
      capacityKg: 400,
      capacityM3: 2,
      capacityKits: 30,
      maxRouteMinutes: 600,
      driverName: 'Comunidad de arrieros',
    });
    await addNeeds(planned.id, puno, '21', ['paved_road', 'unpaved_road', 'trail'], 5);
    await plans.allocate(coordinator, planned.id);
    await routes.optimise(coordinator, planned.id, { timeLimitMs: 1500 });
    ctx.progress('deliveries: planned round optimised');
  },
};
