import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Idempotent write paths the load drivers exercise. Each builds request i (with ids looked up once
 * by `prepare`) and counts how many rows request i produced. A new money, stock or confirmation
 * path is added here and the crash and restart tests cover it.
 */
export interface WritePath {
  name: string;
  /** Demo login that may call it. */
  as: string;
  /** Looks up (or creates) what requests 0 … count − 1 of this run need. */
  prepare(db: DataSource, run: string, count: number): Promise<Record<string, string>>;
  request(run: string, i: number, ids: Record<string, string>): { method: string; path: string; body: unknown };
  rowsFor(db: DataSource, run: string, i: number): Promise<number>;
}

/** A UUID that names request i of a run (reservations carry no free-text field to find them by). */
const uuidFor = (run: string, i: number): string => {
  const h = createHash('sha256').update(`${run}:${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const count = async (db: DataSource, sql: string, params: unknown[]): Promise<number> => (await db.query<Array<{ n: number }>>(sql, params))[0].n;

export const WRITE_PATHS: WritePath[] = [
  {
    name: 'organization',
    as: 'admin@minka.demo',
    prepare: async () => ({}),
    request: (run, i) => ({ method: 'POST', path: '/api/v1/admin/organizations', body: { name: `Carga ${run} ${i}`, slug: `carga-${run}-${i}` } }),
    rowsFor: (db, run, i) => count(db, `SELECT count(*)::int AS n FROM organizations WHERE slug = $1`, [`carga-${run}-${i}`]),
  },
  {
    name: 'donation',
    as: 'fondos@minka.demo',
    prepare: async (db) => {
      const [campaign] = await db.query(`SELECT id FROM donation_campaigns WHERE status = 'active' ORDER BY slug LIMIT 1`);
      const [donor] = await db.query(`SELECT id FROM donors ORDER BY id LIMIT 1`);
      return { campaignId: campaign.id, donorId: donor.id };
    },
    request: (run, i, ids) => ({
      method: 'POST',
      path: '/api/v1/donations',
      body: { campaignId: ids.campaignId, donorId: ids.donorId, kind: 'money', amountMinor: String(1000 + i), currency: 'PEN', method: 'bank_transfer', receivedOn: '2026-11-20', bankReference: `LOAD-${run}-${i}` },
    }),
    rowsFor: (db, run, i) => count(db, `SELECT count(*)::int AS n FROM donations WHERE bank_reference = $1`, [`LOAD-${run}-${i}`]),
  },
  {
    name: 'stock-receipt',
    as: 'almacen@minka.demo',
    prepare: async (db) => {
      const [warehouse] = await db.query(
        `SELECT w.id FROM warehouses w JOIN users u ON u.organization_id = w.organization_id WHERE u.email = 'almacen@minka.demo' ORDER BY w.name LIMIT 1`,
      );
      const [item] = await db.query(`SELECT id FROM inventory_items WHERE perishable = false ORDER BY sku LIMIT 1`);
      return { warehouseId: warehouse.id, itemId: item.id };
    },
    request: (run, i, ids) => ({
      method: 'POST',
      path: '/api/v1/inventory/receipts',
      body: { warehouseId: ids.warehouseId, lines: [{ itemId: ids.itemId, quantity: 5, lotCode: `LOAD-${run}-${i}` }] },
    }),
    rowsFor: (db, run, i) =>
      count(db, `SELECT count(*)::int AS n FROM stock_movements m JOIN stock_lots l ON l.id = m.lot_id WHERE l.lot_code = $1`, [`LOAD-${run}-${i}`]),
  },
  {
    name: 'stock-reservation',
    as: 'almacen@minka.demo',
    prepare: async (db) => {
      const [warehouse] = await db.query(
        `SELECT w.id FROM warehouses w JOIN users u ON u.organization_id = w.organization_id WHERE u.email = 'almacen@minka.demo' ORDER BY w.name LIMIT 1`,
      );
      // The item with the most available stock there (every reservation takes one unit).
      const [item] = await db.query(
        `SELECT item_id AS id FROM stock_lots WHERE warehouse_id = $1 AND item_id IS NOT NULL AND expiry_date IS NULL
          GROUP BY item_id ORDER BY sum(on_hand - reserved) DESC LIMIT 1`,
        [warehouse.id],
      );
      return { warehouseId: warehouse.id, itemId: item.id };
    },
    request: (run, i, ids) => ({
      method: 'POST',
      path: '/api/v1/inventory/reservations',
      body: { warehouseId: ids.warehouseId, itemId: ids.itemId, quantity: 1, referenceType: 'load_test', referenceId: uuidFor(run, i) },
    }),
    rowsFor: (db, run, i) => count(db, `SELECT count(*)::int AS n FROM stock_reservations WHERE reference_id = $1`, [uuidFor(run, i)]),
  },
  {
    // Proof of delivery recorded by phone: each request confirms its own stop of a route on the road
    // (created here in the database: a confirmation needs a loaded route, and loading is not what is
    // under test). Exactly one confirmation per stop must exist afterwards.
    name: 'delivery-confirmation',
    as: 'coordinador@minka.demo',
    prepare: async (db, run, count) => {
      const [org] = await db.query(`SELECT organization_id AS id FROM users WHERE email = 'coordinador@minka.demo'`);
      const [depot] = await db.query(`SELECT id FROM warehouses WHERE organization_id = $1 ORDER BY name LIMIT 1`, [org.id]);
      const [kit] = await db.query(`SELECT id FROM kit_types WHERE is_current ORDER BY code LIMIT 1`);
      const communities = await db.query<Array<{ id: string }>>(`SELECT id FROM communities ORDER BY id LIMIT 50`);
      const [plan] = await db.query(
        `INSERT INTO delivery_plans (organization_id, name, depot_warehouse_id, start_date, end_date, status)
         VALUES ($1, $2, $3, current_date, current_date, 'dispatched') RETURNING id`,
        [org.id, `Carga ${run}`, depot.id],
      );
      const [vehicle] = await db.query(
        `INSERT INTO delivery_vehicles (plan_id, name, type, capacity_kg, capacity_m3, capacity_kits) VALUES ($1, 'Camión de carga', 'truck', 8000, 30, 9999) RETURNING id`,
        [plan.id],
      );
      const [route] = await db.query(
        `INSERT INTO delivery_routes (plan_id, vehicle_id, status, loaded_at) VALUES ($1, $2, 'in_transit', now()) RETURNING id`,
        [plan.id, vehicle.id],
      );
      const ids: Record<string, string> = {};
      for (let i = 0; i < count; i++) {
        const [stop] = await db.query(
          `INSERT INTO delivery_stops (plan_id, community_id, status, route_id, sequence, notes) VALUES ($1, $2, 'pending', $3, $4, $5) RETURNING id`,
          [plan.id, communities[i % communities.length].id, route.id, i + 1, `LOAD-${run}-${i}`],
        );
        const [line] = await db.query(
          `INSERT INTO delivery_stop_lines (stop_id, kit_type_id, quantity, dispatched) VALUES ($1, $2, 2, 2) RETURNING id`,
          [stop.id, kit.id],
        );
        ids[`stop${i}`] = stop.id;
        ids[`line${i}`] = line.id;
      }
      return ids;
    },
    request: (_run, i, ids) => ({
      method: 'POST',
      path: `/api/v1/deliveries/stops/${ids[`stop${i}`]}/confirmation`,
      body: { channel: 'phone', receivedByName: 'Autoridad comunal', lines: [{ lineId: ids[`line${i}`], accepted: 2, rejected: 0, missing: 0 }] },
    }),
    rowsFor: (db, run, i) =>
      count(db, `SELECT count(*)::int AS n FROM delivery_confirmations c JOIN delivery_stops s ON s.id = c.stop_id WHERE s.notes = $1`, [
        `LOAD-${run}-${i}`,
      ]),
  },
];
