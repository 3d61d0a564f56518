import { DomainError } from '../platform/errors/domain-error';
import { allocateFefo, type LotRow, usableQuantity } from './stock-ledger.service';

const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
let n = 0;
function lot(onHand: number, reserved: number, expiry: string | null, createdAt = '2026-01-01T00:00:00Z'): LotRow {
  n += 1;
  return {
    id: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
    warehouse_id: 'w',
    item_id: 'i',
    kit_type_id: null,
    lot_code: `L${n}`,
    expiry_date: expiry,
    funding_source_type: null,
    funding_source_id: null,
    on_hand: onHand,
    reserved,
    created_at: new Date(createdAt),
  };
}

describe('first-expiry-first-out allocation', () => {
  it('takes the lot that expires first, then the next, and lots without expiry last', () => {
    const later = lot(10, 0, day(200));
    const never = lot(10, 0, null);
    const sooner = lot(4, 1, day(20));
    const out = allocateFefo([never, later, sooner], 12, { name: 'Jabón' });
    expect(out.map((a) => [a.lot.lot_code, a.quantity])).toEqual([
      [sooner.lot_code, 3],
      [later.lot_code, 9],
    ]);
  });

  it('never allocates an expired lot and counts only what is not reserved', () => {
    const expired = lot(50, 0, day(-1));
    const fresh = lot(5, 3, day(30));
    expect(usableQuantity([expired, fresh])).toBe(2);
    expect(() => allocateFefo([expired, fresh], 3, { name: 'Pasta dental', itemId: 'i' })).toThrow(DomainError);
  });

  it('names the item and what is available when it refuses', () => {
    try {
      allocateFefo([lot(2, 0, null)], 5, { name: 'Toalla de baño', itemId: 'i' });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const e = error as DomainError;
      expect(e.code).toBe('STOCK_INSUFFICIENT');
      expect(e.status).toBe(409);
      expect(e.params).toMatchObject({ name: 'Toalla de baño', requested: 5, available: 2 });
    }
  });

  it('breaks expiry ties by the older lot', () => {
    const newer = lot(5, 0, day(60), '2026-03-01T00:00:00Z');
    const older = lot(5, 0, day(60), '2026-01-01T00:00:00Z');
    expect(allocateFefo([newer, older], 6, { name: 'x' }).map((a) => a.lot.lot_code)).toEqual([older.lot_code, newer.lot_code]);
  });
});
