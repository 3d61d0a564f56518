import { useTranslation } from 'react-i18next';
import '../features/communities/components/communities.css';
import { NeedsBoard } from '../features/communities/components/NeedsBoard';

export function NeedsPage() {
  const { t } = useTranslation();
  return (
    <section className="page page--wide" aria-labelledby="needs-page-title">
      <h1 id="needs-page-title">{t('communities.boardTitle')}</h1>
      <p className="muted">{t('communities.boardIntro')}</p>
      <NeedsBoard />
    </section>
  );
}
