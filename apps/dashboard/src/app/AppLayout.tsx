import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useLogout } from '../features/auth/hooks/useLogout';
import { applyAccountLanguage, resetToDeviceLanguage } from '../i18n';
import { useAuth } from './auth-context';
import { ConnectionBanner } from './ConnectionBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { canSee, homePath, landingPath, modules } from './navigation';

export function AppLayout() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const logout = useLogout();
  const location = useLocation();
  const navId = useId();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const accountLanguage = user?.preferredLanguage;

  // The account's language (es, en, qu) unless one was chosen with the switch on this device;
  // leaving the signed-in screens (logout, expired session) goes back to the device's language.
  useEffect(() => {
    if (accountLanguage) applyAccountLanguage(accountLanguage);
  }, [accountLanguage]);
  useEffect(() => () => resetToDeviceLanguage(), []);

  // After client-side navigation, move focus to the new content, as a full page load would.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  if (!user) return null;
  const visible = modules.filter((module) => canSee(user.roles, module));

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="shell__header">
        <div className="shell__bar">
          <Link to="/" className="brand">
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </Link>
          <button
            type="button"
            className="shell__menu-button"
            aria-expanded={menuOpen}
            aria-controls={navId}
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('nav.menu')}
          </button>
        </div>
        <div id={navId} className="shell__menu" data-open={menuOpen}>
          <nav aria-label={t('nav.label')}>
            <ul className="nav">
              {landingPath(user.roles) === homePath && (
                <li>
                  <NavLink to={homePath} className="nav__link">
                    {t('nav.home')}
                  </NavLink>
                </li>
              )}
              {visible.map((module) => (
                <li key={module.id}>
                  <NavLink to={module.path} className="nav__link">
                    {t(`nav.${module.id}`)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="account">
            <p className="account__who">
              <span className="visually-hidden">
                {t('auth.signedInAs', {
                  name: user.fullName,
                  organization: user.organization.name,
                })}
              </span>
              <span aria-hidden="true">
                <span className="account__name">{user.fullName}</span>
                <span className="account__org">{user.organization.name}</span>
              </span>
            </p>
            <LanguageSwitch className="language-switch--dark" />
            <button type="button" className="button button--ghost" onClick={() => void logout()}>
              {t('auth.logout')}
            </button>
          </div>
        </div>
      </header>
      <ConnectionBanner />
      <main id="main" ref={mainRef} tabIndex={-1} className="shell__main">
        <Outlet />
      </main>
    </div>
  );
}
