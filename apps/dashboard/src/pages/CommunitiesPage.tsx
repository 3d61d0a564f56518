import { useTranslation } from 'react-i18next';
import '../features/communities/components/communities.css';
import { CommunityList } from '../features/communities/components/CommunityList';

export function CommunitiesPage() {
  const { t } = useTranslation();
  return (
    <section className="page page--wide" aria-labelledby="communities-title">
      <h1 id="communities-title">{t('communities.title')}</h1>
      <p className="muted">{t('communities.intro')}</p>
      <CommunityList />
    </section>
  );
}
