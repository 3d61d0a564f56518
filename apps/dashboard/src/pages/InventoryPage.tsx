import { useTranslation } from 'react-i18next';
import { InventoryView } from '../features/inventory/components/InventoryView';

export function InventoryPage() {
  const { t } = useTranslation();
  return (
    <section className="page page--wide" aria-labelledby="inventory-page-title">
      <h1 id="inventory-page-title">{t('inventory.title')}</h1>
      <p className="muted">{t('inventory.intro')}</p>
      <InventoryView />
    </section>
  );
}
