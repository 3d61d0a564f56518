import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeliveryBoard } from '../features/deliveries/components/DeliveryBoard';

export function DeliveriesBoardPage() {
  const { t } = useTranslation();
  return (
    <section className="page page--wide dl-page" aria-labelledby="board-page-title">
      <Link to="/entregas" className="dl-back">
        {t('deliveries.builder.back')}
      </Link>
      <h1 id="board-page-title">{t('deliveries.board.title')}</h1>
      <p className="muted">{t('deliveries.board.intro')}</p>
      <DeliveryBoard />
    </section>
  );
}
