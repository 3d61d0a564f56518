import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '@app/auth-context';
import { formatNumber } from '@app/format';
import type { Warehouse } from '../../inventory/api/inventory-api';
import { useAlerts, useCapacity, useWarehouses } from '../../inventory/hooks/useInventory';
import { useAllStock } from '../hooks/useHome';
import { HomeCard } from './HomeCard';
import { HomeChart } from './HomeChart';
import './home.css';

const CATEGORIES = ['hygiene', 'food', 'medical', 'water_sanitation', 'shelter', 'other'] as const;
type Category = (typeof CATEGORIES)[number];
const CATEGORY_COLOURS: Record<Category, string> = {
  hygiene: '#0b5d7a',
  food: '#d9480f',
  medical: '#b3261e',
  water_sanitation: '#1c7ed6',
  shelter: '#6a4c93',
  other: '#6b7785',
};
const SHOWN_ALERTS = 5;

/** The storekeeper's home: stock by warehouse and category, kits that can still be assembled, alerts. */
export function StorekeeperHome() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const stock = useAllStock();
  const warehouses = useWarehouses();
  const alerts = useAlerts('');
  const lang = i18n.language;
  const english = lang.startsWith('en');

  // Warehouse × category sums of available units (items and kits alike).
  const names = [...new Set(stock.data?.items.map((r) => r.warehouseName) ?? [])].sort((a, b) => a.localeCompare(b, 'es'));
  const sums = new Map<string, number>();
  for (const r of stock.data?.items ?? []) {
    const key = `${r.warehouseName}|${r.category}`;
    sums.set(key, (sums.get(key) ?? 0) + r.available);
  }
  const present = CATEGORIES.filter((c) => names.some((n) => (sums.get(`${n}|${c}`) ?? 0) > 0));
  const totals = names.map((n) => CATEGORIES.reduce((s, c) => s + (sums.get(`${n}|${c}`) ?? 0), 0));
  const topIndex = totals.indexOf(Math.max(0, ...totals));

  // Kits to assemble: the warehouses the storekeeper answers for, else those of their organisation.
  const all = warehouses.data ?? [];
  const mine = all.filter((w) => user && w.responsibleUserIds.includes(user.id));
  const own = all.filter((w) => user && w.organizationId === user.organization.id);
  const capacityOf = (mine.length > 0 ? mine : own.length > 0 ? own : all).filter((w) => w.active);

  const open = alerts.data ?? [];
  const partial = (stock.data?.total ?? 0) > (stock.data?.items.length ?? 0);

  return (
    <div className="home-grid">
      <HomeCard title={t('home.storekeeper.stockChart')} query={stock} wide testId="home-stock-chart">
        {names.length > 0 && (
          <HomeChart
            title={t('home.storekeeper.stockChart')}
            summary={`${t('home.storekeeper.stockSummary', {
              warehouses: names.length,
              top: names[topIndex] ?? '',
              units: formatNumber(totals[topIndex] ?? 0, lang),
            })}${partial ? ` ${t('home.partial', { shown: stock.data?.items.length ?? 0, total: stock.data?.total ?? 0 })}` : ''}`}
            labels={names}
            series={present.map((c) => ({
              label: t(`inventory.categories.${c}`),
              values: names.map((n) => sums.get(`${n}|${c}`) ?? 0),
              colour: CATEGORY_COLOURS[c],
            }))}
            stacked
            horizontal
            integer
            format={(v) => formatNumber(v, lang)}
            labelHeader={t('home.storekeeper.warehouse')}
          />
        )}
      </HomeCard>

      <HomeCard title={t('home.storekeeper.capacityTitle')} query={warehouses} testId="home-capacity">
        {capacityOf.map((w) => (
          <WarehouseCapacity key={w.id} warehouse={w} english={english} />
        ))}
      </HomeCard>

      <HomeCard title={t('home.storekeeper.alertsTitle')} query={alerts} testId="home-stock-alerts">
        {open.length === 0 ? (
          <p>{t('home.storekeeper.alertsNone')}</p>
        ) : (
          <>
            <ul className="home-list">
              {open.slice(0, SHOWN_ALERTS).map((a) => (
                <li key={a.id} className="home-list__alert">
                  {t('home.storekeeper.alertLine', {
                    name: english ? a.nameEn : a.nameEs,
                    warehouse: a.warehouseName,
                    kind: t(`home.storekeeper.alertKinds.${a.kind}`),
                  })}
                </li>
              ))}
            </ul>
            {open.length > SHOWN_ALERTS && (
              <p className="muted">{t('home.storekeeper.moreAlerts', { count: open.length - SHOWN_ALERTS })}</p>
            )}
          </>
        )}
        <p>
          <Link to="/inventario">{t('home.storekeeper.inventory')}</Link>
        </p>
      </HomeCard>
    </div>
  );
}

function WarehouseCapacity({ warehouse, english }: { warehouse: Warehouse; english: boolean }) {
  const { t } = useTranslation();
  const capacity = useCapacity(warehouse.id);
  const items = [...(capacity.data ?? [])].sort((a, b) => b.kitsPossible - a.kitsPossible);
  return (
    <div className="home-capacity" data-testid="home-capacity-warehouse">
      <h4 className="home-capacity__title">{warehouse.name}</h4>
      {capacity.isError ? (
        <p className="alert" role="alert">
          {t('home.loadFailed')}
        </p>
      ) : capacity.isPending ? (
        <p className="muted">{t('home.loading')}</p>
      ) : (
        <ul className="home-list" aria-label={t('home.storekeeper.capacityOf', { name: warehouse.name })}>
          {items.map((k) => {
            const limiting = k.components.find((c) => c.itemId === k.limitingItemId);
            return (
              <li key={k.kitTypeId}>
                <span className="home-list__title">{english ? k.nameEn : k.nameEs}</span>
                <strong>{t('home.storekeeper.kitsPossible', { count: k.kitsPossible })}</strong>
                {limiting && (
                  <span className="muted">{t('home.storekeeper.limitedBy', { name: english ? limiting.nameEn : limiting.nameEs })}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
