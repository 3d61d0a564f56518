import { useTranslation } from 'react-i18next';
import { useAuth } from '@app/auth-context';

export function HomePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user) return null;
  const roles = user.roles.map((role) => t(`roles.${role}`)).join(', ');
  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">{t('home.title', { name: user.fullName })}</h1>
      <p>{t('home.body', { roles })}</p>
    </section>
  );
}
