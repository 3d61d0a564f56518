import type { DataSource } from 'typeorm';
import { generateConfirmationCode, hashConfirmationCode } from '../../apps/api/src/deliveries/confirmation-codes';

export interface CodeStop {
  code: string;
  stopId: string;
  communityName: string;
  lines: Array<{ lineId: string; kitTypeName: string; category: string; dispatched: number }>;
}

/**
 * A stop ready for the `code` channel, written straight into the demo database: a plan of the
 * coordinator's organisation with one vehicle whose route is in transit, one pending stop at a partner
 * community with two kit lines already dispatched, and a fresh confirmation code (stored hashed, as
 * loading a route stores it). The planning and dispatch loop that normally gets a stop here is
 * covered over HTTP by the e2e tests; the browser test only needs what a manifest's QR code points at.
 */
export async function createCodeStop(
  db: DataSource,
  options: { dispatched?: [number, number]; /** n-th partner community (by name) */ community?: number } = {},
): Promise<CodeStop> {
  const [hygieneQty, foodQty] = options.dispatched ?? [10, 6];
  const [org] = await db.query(`SELECT organization_id AS id FROM users WHERE email = 'coordinador@minka.demo'`);
  const [depot] = await db.query(`SELECT id FROM warehouses WHERE organization_id = $1 ORDER BY name LIMIT 1`, [org.id]);
  const [community] = await db.query(
    `SELECT c.id, c.name FROM communities c JOIN community_partners p ON p.community_id = c.id
      WHERE p.organization_id = $1 ORDER BY c.name OFFSET $2 LIMIT 1`,
    [org.id, options.community ?? 0],
  );
  const kits: Array<{ id: string; name_es: string; category: string }> = await db.query(
    `SELECT DISTINCT ON (category) id, name_es, category FROM kit_types
      WHERE is_current AND category IN ('hygiene', 'food') ORDER BY category, code`,
  );
  if (!org || !depot || !community || kits.length !== 2) throw new Error('demo data missing for the code-stop fixture');

  const [plan] = await db.query(
    `INSERT INTO delivery_plans (organization_id, name, depot_warehouse_id, start_date, end_date, status)
     VALUES ($1, 'Ronda de prueba (confirmación sin conexión)', $2, current_date, current_date + 7, 'dispatched') RETURNING id`,
    [org.id, depot.id],
  );
  const [vehicle] = await db.query(
    `INSERT INTO delivery_vehicles (plan_id, name, type, capacity_kg, capacity_m3, capacity_kits)
     VALUES ($1, 'Camioneta 4x4', 'pickup', 900, 4, 120) RETURNING id`,
    [plan.id],
  );
  const [route] = await db.query(
    `INSERT INTO delivery_routes (plan_id, vehicle_id, status, loaded_at, departure_at)
     VALUES ($1, $2, 'in_transit', now(), now()) RETURNING id`,
    [plan.id, vehicle.id],
  );
  const code = generateConfirmationCode();
  const [stop] = await db.query(
    `INSERT INTO delivery_stops (plan_id, community_id, status, route_id, sequence, confirmation_code_hash, code_expires_at)
     VALUES ($1, $2, 'pending', $3, 1, $4, now() + interval '14 days') RETURNING id`,
    [plan.id, community.id, route.id, hashConfirmationCode(code)],
  );
  const lines: CodeStop['lines'] = [];
  for (const [kit, quantity] of [
    [kits[0], kits[0]?.category === 'hygiene' ? hygieneQty : foodQty],
    [kits[1], kits[1]?.category === 'hygiene' ? hygieneQty : foodQty],
  ] as const) {
    if (!kit) continue;
    const [line] = await db.query(
      `INSERT INTO delivery_stop_lines (stop_id, kit_type_id, quantity, dispatched) VALUES ($1, $2, $3, $3) RETURNING id`,
      [stop.id, kit.id, quantity],
    );
    lines.push({ lineId: line.id, kitTypeName: kit.name_es, category: kit.category, dispatched: quantity });
  }
  return { code, stopId: stop.id, communityName: community.name, lines };
}
