import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '@app/auth-context';
import { LanguageSwitch } from '@app/LanguageSwitch';
import { DemoAccounts } from '../features/auth/components/DemoAccounts';
import { LoginForm } from '../features/auth/components/LoginForm';

export function LoginPage() {
  const { t } = useTranslation();
  const { status, ended } = useAuth();
  const location = useLocation();

  if (status === 'authenticated') {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }

  return (
    <div className="login">
      <header className="login__header">
        <p className="brand brand--large">
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__tagline">{t('app.tagline')}</span>
        </p>
        <LanguageSwitch />
      </header>
      <main className="login__main">
        <section className="card" aria-labelledby="login-title">
          <h1 id="login-title">{t('auth.title')}</h1>
          <p className="muted">{t('auth.intro')}</p>
          <LoginForm notice={ended === 'expired' ? t('auth.sessionExpired') : undefined} />
        </section>
        <DemoAccounts />
      </main>
    </div>
  );
}
