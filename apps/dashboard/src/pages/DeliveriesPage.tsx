import '../features/deliveries/components/deliveries.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NewPlanForm } from '../features/deliveries/components/NewPlanForm';
import { PlanList } from '../features/deliveries/components/PlanList';

export function DeliveriesPage() {
  const { t } = useTranslation();
  return (
    <section className="page page--wide dl-page" aria-labelledby="deliveries-page-title">
      <div className="dl-section__head">
        <h1 id="deliveries-page-title">{t('deliveries.title')}</h1>
        <Link to="/entregas/tablero" className="button">
          {t('deliveries.board.title')}
        </Link>
      </div>
      <p className="muted">{t('deliveries.intro')}</p>
      <div className="dl-columns">
        <PlanList />
        <NewPlanForm />
      </div>
    </section>
  );
}
