import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../platform/errors/domain-error';
import { defineMessages } from '../platform/errors/messages';

export const INVENTORY_ERRORS = defineMessages({
  STOCK_INSUFFICIENT: {
    title: { es: 'Stock insuficiente', en: 'Insufficient stock' },
    detail: {
      es: 'No hay suficiente «{name}» en el almacén: se pidieron {requested} y hay {available} disponibles.',
      en: 'Not enough "{name}" in the warehouse: {requested} requested, {available} available.',
    },
  },
  WAREHOUSE_NOT_ACCESSIBLE: {
    title: { es: 'Almacén no accesible', en: 'Warehouse not accessible' },
    detail: { es: 'El almacén no pertenece a su organización.', en: 'The warehouse does not belong to your organisation.' },
  },
  EXPIRY_REQUIRED: {
    title: { es: 'Fecha de vencimiento requerida', en: 'Expiry date required' },
    detail: {
      es: '«{name}» es perecible: indique la fecha de vencimiento del lote.',
      en: '"{name}" is perishable: give the lot expiry date.',
    },
  },
  LOT_MISMATCH: {
    title: { es: 'Lote no corresponde', en: 'Lot does not match' },
    detail: {
      es: 'El lote indicado no es de este almacén y artículo, o su vencimiento difiere del registrado.',
      en: 'The lot given is not of this warehouse and item, or its expiry differs from the one on record.',
    },
  },
  RESERVATION_NOT_ACTIVE: {
    title: { es: 'Reserva no activa', en: 'Reservation not active' },
    detail: { es: 'La reserva ya fue {status}.', en: 'The reservation is already {status}.' },
  },
  TRANSFER_ALREADY_RECEIVED: {
    title: { es: 'Transferencia ya recibida', en: 'Transfer already received' },
    detail: { es: 'Esta transferencia ya se recibió en destino.', en: 'This transfer was already received at its destination.' },
  },
  KIT_TYPE_NOT_CURRENT: {
    title: { es: 'Versión de kit no vigente', en: 'Kit version not current' },
    detail: {
      es: 'Solo se arman kits con la versión vigente de su lista de materiales (v{current}).',
      en: 'Kits are assembled only with the current version of their bill of materials (v{current}).',
    },
  },
  SKU_TAKEN: {
    title: { es: 'Código ya usado', en: 'Code already used' },
    detail: { es: 'Ya existe «{sku}».', en: '"{sku}" already exists.' },
  },
  COUNT_CLOSED: {
    title: { es: 'Conteo cerrado', en: 'Count closed' },
    detail: { es: 'El conteo ya está cerrado.', en: 'The count is already closed.' },
  },
  COUNT_UNEXPLAINED_DIFFERENCES: {
    title: { es: 'Diferencias sin explicar', en: 'Unexplained differences' },
    detail: {
      es: 'Quedan {count} líneas sin contar o con diferencias sin ajuste con motivo.',
      en: '{count} lines are not counted or have differences without a reason-coded adjustment.',
    },
  },
  COUNT_REASON_REQUIRED: {
    title: { es: 'Motivo requerido', en: 'Reason required' },
    detail: {
      es: 'Lo contado difiere de lo esperado: indique el motivo del ajuste.',
      en: 'The counted quantity differs from the expected one: give the adjustment reason.',
    },
  },
  ALERT_ALREADY_ACKNOWLEDGED: {
    title: { es: 'Alerta ya atendida', en: 'Alert already acknowledged' },
    detail: { es: 'La alerta ya fue atendida.', en: 'The alert was already acknowledged.' },
  },
});

export interface StockShortage {
  name: string;
  itemId: string | null;
  kitTypeId: string | null;
  requested: number;
  available: number;
}

/** 409 naming the item (or kit) and what is available; `shortages` lists every missing component. */
export function stockInsufficient(shortages: StockShortage[]): DomainError {
  const first = shortages[0];
  if (!first) throw new Error('stockInsufficient needs at least one shortage');
  return new DomainError(
    INVENTORY_ERRORS.STOCK_INSUFFICIENT,
    HttpStatus.CONFLICT,
    {
      name: first.name,
      itemId: first.itemId,
      kitTypeId: first.kitTypeId,
      requested: first.requested,
      available: first.available,
    },
    shortages.map((s) => ({
      field: s.itemId ? `itemId:${s.itemId}` : `kitTypeId:${s.kitTypeId ?? ''}`,
      code: 'stockInsufficient',
      message: `${s.name}: ${s.requested} requested, ${s.available} available`,
    })),
  );
}

export function fieldError(field: string, code: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [{ field, code, message }]);
}
