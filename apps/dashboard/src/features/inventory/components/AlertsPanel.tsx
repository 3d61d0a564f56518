import { useTranslation } from 'react-i18next';
import { useAcknowledgeAlert, useAlerts, useRunAlerts } from '../hooks/useInventory';

/** Open stock alerts of the warehouse; a storekeeper acknowledges them once handled. */
export function AlertsPanel({ warehouseId }: { warehouseId: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const alerts = useAlerts(warehouseId);
  const run = useRunAlerts();
  const ack = useAcknowledgeAlert();
  return (
    <div className="inv-panel">
      <button type="button" disabled={run.isPending} onClick={() => run.mutate()}>
        {t('inventory.runAlerts')}
      </button>
      <p className="muted" role="status">
        {alerts.data ? t('inventory.alertCount', { count: alerts.data.length }) : t('app.loading')}
      </p>
      <ul className="inv-alerts">
        {alerts.data?.map((a) => (
          <li key={a.id} className={`inv-alert inv-alert--${a.kind}`}>
            <span className="tag">{t(`inventory.alertKinds.${a.kind}`)}</span> <strong>{en ? a.nameEn : a.nameEs}</strong>
            {a.lotCode ? ` · ${t('inventory.lot')} ${a.lotCode}` : ''}
            {a.expiryDate ? ` · ${t('inventory.expiry')} ${a.expiryDate}` : ''} · {a.quantity}
            {a.threshold !== null ? ` / ${a.threshold}` : ''}
            <button type="button" onClick={() => ack.mutate(a.id)} disabled={ack.isPending}>
              {t('inventory.acknowledge')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
