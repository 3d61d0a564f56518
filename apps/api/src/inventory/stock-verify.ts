import type { EntityManager } from 'typeorm';

export interface StockDifference {
  lotId: string;
  warehouseId: string;
  subject: string;
  lotCode: string;
  onHand: number;
  ledgerOnHand: number;
  reserved: number;
  ledgerReserved: number;
  activeReservations: number;
}

/**
 * Recomputes every lot balance from the ledger (and the reserved quantity from the active
 * reservations) and returns the lots where they differ. Empty means the books are right.
 */
export async function verifyStock(manager: EntityManager): Promise<{ lotsChecked: number; differences: StockDifference[] }> {
  const rows: Array<Record<string, unknown>> = await manager.query(`
    WITH ledger AS (
      SELECT lot_id, SUM(on_hand_delta)::bigint AS h, SUM(reserved_delta)::bigint AS r FROM stock_movements GROUP BY lot_id
    ), held AS (
      SELECT (a->>'lotId')::uuid AS lot_id, SUM((a->>'quantity')::int)::bigint AS q
      FROM stock_reservations, jsonb_array_elements(allocations) a WHERE status = 'active' GROUP BY 1
    )
    SELECT l.id, l.warehouse_id, COALESCE(i.sku, k.code || ' v' || k.version) AS subject, l.lot_code, l.on_hand, l.reserved,
           COALESCE(ledger.h, 0) AS ledger_on_hand, COALESCE(ledger.r, 0) AS ledger_reserved, COALESCE(held.q, 0) AS active_reservations,
           COUNT(*) OVER () AS checked,
           (l.on_hand <> COALESCE(ledger.h, 0) OR l.reserved <> COALESCE(ledger.r, 0) OR l.reserved <> COALESCE(held.q, 0)) AS differs
    FROM stock_lots l
    LEFT JOIN ledger ON ledger.lot_id = l.id LEFT JOIN held ON held.lot_id = l.id
    LEFT JOIN inventory_items i ON i.id = l.item_id LEFT JOIN kit_types k ON k.id = l.kit_type_id`);
  const differences = rows
    .filter((r) => r.differs === true)
    .map((r) => ({
      lotId: r.id as string,
      warehouseId: r.warehouse_id as string,
      subject: r.subject as string,
      lotCode: r.lot_code as string,
      onHand: Number(r.on_hand),
      ledgerOnHand: Number(r.ledger_on_hand),
      reserved: Number(r.reserved),
      ledgerReserved: Number(r.ledger_reserved),
      activeReservations: Number(r.active_reservations),
    }));
  return { lotsChecked: rows.length, differences };
}
