import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@app/problem';
import type { Warehouse } from '../api/inventory-api';
import { useItems, useKitTypes, useReceiveTransfer, useShipTransfer, useTransfers } from '../hooks/useInventory';

/** Ship goods to another warehouse (they stay in transit) and receive what arrives here. */
export function TransfersPanel({ warehouseId, warehouses }: { warehouseId: string; warehouses: Warehouse[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const transfers = useTransfers(warehouseId);
  const items = useItems();
  const kits = useKitTypes();
  const ship = useShipTransfer();
  const receive = useReceiveTransfer();
  const [to, setTo] = useState('');
  const [subject, setSubject] = useState('');
  const [quantity, setQuantity] = useState(1);
  const name = (id: string) => warehouses.find((w) => w.id === id)?.name ?? id;

  return (
    <div className="inv-panel">
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const [kind, id] = subject.split(':');
          ship.mutate({
            fromWarehouseId: warehouseId,
            toWarehouseId: to,
            lines: [{ ...(kind === 'kit' ? { kitTypeId: id } : { itemId: id }), quantity }],
          });
        }}
      >
        <div className="field">
          <label htmlFor="tr-to">{t('inventory.destination')}</label>
          <select id="tr-to" required value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">{t('inventory.chooseWarehouse')}</option>
            {warehouses
              .filter((w) => w.id !== warehouseId)
              .map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tr-subject">{t('inventory.itemOrKit')}</label>
          <select id="tr-subject" required value={subject} onChange={(e) => setSubject(e.target.value)}>
            <option value="">{t('inventory.choose')}</option>
            {kits.data?.map((k) => (
              <option key={k.id} value={`kit:${k.id}`}>
                {(en ? k.nameEn : k.nameEs) + ` (v${k.version})`}
              </option>
            ))}
            {items.data?.map((i) => (
              <option key={i.id} value={`item:${i.id}`}>
                {i.sku} — {en ? i.nameEn : i.nameEs}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tr-qty">{t('inventory.quantity')}</label>
          <input
            id="tr-qty"
            type="number"
            min={1}
            value={quantity}
            onChange={(e) => setQuantity(Math.max(1, Number(e.target.value) || 1))}
          />
        </div>
        <div className="field">
          <button type="submit" className="primary" disabled={ship.isPending}>
            {t('inventory.ship')}
          </button>
        </div>
      </form>
      {ship.error instanceof ApiError && (
        <p className="alert" role="alert">
          {ship.error.message}
        </p>
      )}
      <div className="table-wrap">
        <table className="table" aria-label={t('inventory.transfers')}>
          <thead>
            <tr>
              <th scope="col">{t('inventory.date')}</th>
              <th scope="col">{t('inventory.from')}</th>
              <th scope="col">{t('inventory.destination')}</th>
              <th scope="col">{t('inventory.lines')}</th>
              <th scope="col">{t('inventory.status')}</th>
            </tr>
          </thead>
          <tbody>
            {transfers.data?.map((tr) => (
              <tr key={tr.id}>
                <td>{new Date(tr.shippedAt).toLocaleDateString(i18n.language)}</td>
                <td>{name(tr.fromWarehouseId)}</td>
                <td>{name(tr.toWarehouseId)}</td>
                <td>{tr.lines.map((l) => `${l.quantity} × ${l.name}`).join('; ')}</td>
                <td>
                  {tr.status === 'in_transit' ? t('inventory.inTransit') : t('inventory.received')}
                  {tr.status === 'in_transit' && tr.toWarehouseId === warehouseId && (
                    <button type="button" onClick={() => receive.mutate(tr.id)} disabled={receive.isPending}>
                      {t('inventory.receive')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
