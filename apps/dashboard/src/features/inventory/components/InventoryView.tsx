import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWarehouses } from '../hooks/useInventory';
import { AlertsPanel } from './AlertsPanel';
import { AssemblyPanel } from './AssemblyPanel';
import { CountsPanel } from './CountsPanel';
import { StockPanel } from './StockPanel';
import { TransfersPanel } from './TransfersPanel';
import './inventory.css';

const TABS = ['stock', 'assembly', 'transfers', 'counts', 'alerts'] as const;
type Tab = (typeof TABS)[number];

/** Warehouse picker plus the five inventory tasks as tabs. */
export function InventoryView() {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const [warehouseId, setWarehouseId] = useState('');
  const [tab, setTab] = useState<Tab>('stock');
  useEffect(() => {
    if (!warehouseId && warehouses.data?.[0]) setWarehouseId(warehouses.data[0].id);
  }, [warehouseId, warehouses.data]);

  return (
    <div className="inventory">
      <div className="filters">
        <div className="field">
          <label htmlFor="inv-warehouse">{t('inventory.warehouse')}</label>
          <select id="inv-warehouse" value={warehouseId} onChange={(e) => setWarehouseId(e.target.value)}>
            {warehouses.data?.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
                {w.districtName ? ` — ${w.districtName}` : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div role="tablist" aria-label={t('inventory.sections')} className="inv-tabs">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`inv-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`inv-tabpanel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={(e) => {
              const i = TABS.indexOf(tab);
              if (e.key === 'ArrowRight') setTab(TABS[(i + 1) % TABS.length]);
              if (e.key === 'ArrowLeft') setTab(TABS[(i + TABS.length - 1) % TABS.length]);
            }}
          >
            {t(`inventory.tabs.${id}`)}
          </button>
        ))}
      </div>
      {warehouseId && (
        <div role="tabpanel" id={`inv-tabpanel-${tab}`} aria-labelledby={`inv-tab-${tab}`}>
          {tab === 'stock' && <StockPanel warehouseId={warehouseId} />}
          {tab === 'assembly' && <AssemblyPanel warehouseId={warehouseId} />}
          {tab === 'transfers' && <TransfersPanel warehouseId={warehouseId} warehouses={warehouses.data ?? []} />}
          {tab === 'counts' && <CountsPanel warehouseId={warehouseId} />}
          {tab === 'alerts' && <AlertsPanel warehouseId={warehouseId} />}
        </div>
      )}
    </div>
  );
}
