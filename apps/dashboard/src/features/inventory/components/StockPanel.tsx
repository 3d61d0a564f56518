import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockRow, Subject } from '../api/inventory-api';
import { useStock, useStockCard } from '../hooks/useInventory';

const CATEGORIES = ['hygiene', 'food', 'medical', 'water_sanitation', 'shelter', 'other'] as const;

/** Stock of one warehouse by item and kit, filterable by category; a row opens its stock card. */
export function StockPanel({ warehouseId }: { warehouseId: string }) {
  const { t, i18n } = useTranslation();
  const [category, setCategory] = useState('');
  const [kind, setKind] = useState<'' | 'item' | 'kit'>('');
  const [selected, setSelected] = useState<StockRow | null>(null);
  const stock = useStock({
    warehouseId,
    category: (category || undefined) as (typeof CATEGORIES)[number] | undefined,
    kind: kind || undefined,
    pageSize: 100,
  });
  const name = (r: { nameEs: string; nameEn: string }) => (i18n.language.startsWith('en') ? r.nameEn : r.nameEs);

  return (
    <div className="inv-panel">
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="inv-category">{t('inventory.category')}</label>
          <select id="inv-category" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('inventory.allCategories')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`inventory.categories.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inv-kind">{t('inventory.kind')}</label>
          <select id="inv-kind" value={kind} onChange={(e) => setKind(e.target.value as '' | 'item' | 'kit')}>
            <option value="">{t('inventory.kindAll')}</option>
            <option value="kit">{t('inventory.kindKit')}</option>
            <option value="item">{t('inventory.kindItem')}</option>
          </select>
        </div>
      </form>
      {stock.isError && (
        <p className="alert" role="alert">
          {t('inventory.loadFailed')}
        </p>
      )}
      <div className="table-wrap">
        <table className="table" aria-label={t('inventory.stockTable')}>
          <thead>
            <tr>
              <th scope="col">{t('inventory.code')}</th>
              <th scope="col">{t('inventory.name')}</th>
              <th scope="col">{t('inventory.onHand')}</th>
              <th scope="col">{t('inventory.reserved')}</th>
              <th scope="col">{t('inventory.available')}</th>
              <th scope="col">{t('inventory.nextExpiry')}</th>
              <th scope="col">{t('inventory.status')}</th>
            </tr>
          </thead>
          <tbody>
            {stock.data?.items.map((r) => (
              <tr
                key={`${r.itemId ?? r.kitTypeId}`}
                data-testid={`stock-row-${r.code}`}
                className={selected && (selected.itemId ?? selected.kitTypeId) === (r.itemId ?? r.kitTypeId) ? 'is-selected' : ''}
              >
                <td>{r.code}</td>
                <td>
                  <button type="button" className="linklike" onClick={() => setSelected(r)}>
                    {name(r)}
                  </button>
                </td>
                <td className="num" data-testid="on-hand">
                  {r.onHand}
                </td>
                <td className="num">{r.reserved}</td>
                <td className="num" data-testid="available">
                  {r.available}
                </td>
                <td>{r.nextExpiry ?? '—'}</td>
                <td>
                  {r.belowReorder && <span className="tag tag--warn">{t('inventory.belowReorder', { level: r.reorderLevel })}</span>}
                  {r.expiredAvailable > 0 && (
                    <span className="tag tag--danger">{t('inventory.expiredUnits', { count: r.expiredAvailable })}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected && <StockCardPanel warehouseId={warehouseId} row={selected} onClose={() => setSelected(null)} />}
    </div>
  );
}

export function StockCardPanel({ warehouseId, row, onClose }: { warehouseId: string; row: StockRow; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const subject: Subject = row.itemId ? { itemId: row.itemId } : { kitTypeId: row.kitTypeId as string };
  const card = useStockCard(warehouseId, subject);
  return (
    <section className="inv-card" aria-labelledby="stock-card-title">
      <header className="inv-card__head">
        <h2 id="stock-card-title">{t('inventory.stockCardTitle', { name: i18n.language.startsWith('en') ? row.nameEn : row.nameEs })}</h2>
        <button type="button" onClick={onClose}>
          {t('inventory.close')}
        </button>
      </header>
      <div className="table-wrap">
        <table className="table" aria-label={t('inventory.stockCard')}>
          <thead>
            <tr>
              <th scope="col">{t('inventory.date')}</th>
              <th scope="col">{t('inventory.movement')}</th>
              <th scope="col">{t('inventory.lot')}</th>
              <th scope="col">{t('inventory.change')}</th>
              <th scope="col">{t('inventory.balance')}</th>
              <th scope="col">{t('inventory.reserved')}</th>
              <th scope="col">{t('inventory.by')}</th>
            </tr>
          </thead>
          <tbody>
            {card.data?.items.map((m) => (
              <tr key={m.id}>
                <td>{new Date(m.at).toLocaleString(i18n.language)}</td>
                <td>
                  {t(`inventory.movements.${m.kind}`)}
                  {m.reasonCode ? ` (${t(`inventory.reasons.${m.reasonCode}`)})` : ''}
                </td>
                <td>{m.lotCode || '—'}</td>
                <td className="num">
                  {m.onHandDelta > 0
                    ? `+${m.onHandDelta}`
                    : m.onHandDelta || (m.reservedDelta > 0 ? `(${m.reservedDelta})` : `(${m.reservedDelta})`)}
                </td>
                <td className="num">{m.onHandAfter}</td>
                <td className="num">{m.reservedAfter}</td>
                <td>{m.actorName ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
