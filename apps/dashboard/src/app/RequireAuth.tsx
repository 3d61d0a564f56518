import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useLogout } from '../features/auth/hooks/useLogout';
import { useAuth } from './auth-context';
import { canSee, type ModuleEntry } from './navigation';
import { PageLoading } from './PageLoading';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, retry } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  const logout = useLogout();

  switch (status) {
    case 'anonymous':
      return <Navigate to="/login" replace state={{ from: location.pathname }} />;
    case 'loading':
      return <PageLoading />;
    case 'error':
      return (
        <div className="page-status" role="alert">
          <p>{t('errors.generic')}</p>
          <div className="actions">
            <button type="button" className="button button--primary" onClick={retry}>
              {t('app.retry')}
            </button>
            <button type="button" className="button" onClick={() => void logout()}>
              {t('auth.logout')}
            </button>
          </div>
        </div>
      );
    case 'authenticated':
      return <>{children}</>;
  }
}

export function RequireModule({ module, children }: { module: ModuleEntry; children: ReactNode }) {
  const { user } = useAuth();
  const { t } = useTranslation();
  if (user && canSee(user.roles, module)) return <>{children}</>;
  return (
    <section className="page" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
    </section>
  );
}
