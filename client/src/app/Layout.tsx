import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { useApi, useAuth, useSessionExpiry } from './services';
import { navItemsFor } from './features';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Loading } from '../components/Loading';
import { unwrapData } from '../api/client';
import { useEnumLabel } from '../i18n/labels';

/** Re-reads the signed-in user once per session so a changed role or a revoked account shows up. */
function useRefreshCurrentUser() {
  const api = useApi();
  const { session, refresh } = useAuth();
  const me = useQuery({
    queryKey: ['auth', 'me', session?.accessToken ?? null],
    queryFn: () => unwrapData(api.GET('/api/v1/auth/me')),
    enabled: session !== null,
    staleTime: Infinity,
  });
  useEffect(() => {
    if (me.data) refresh(me.data);
  }, [me.data, refresh]);
}

export function Layout() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const label = useEnumLabel();
  const [menuOpen, setMenuOpen] = useState(false);
  const firstRender = useRef(true);
  useRefreshCurrentUser();
  useSessionExpiry();

  // After client-side navigation, move focus to the new page's heading so screen readers announce it.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const frame = window.requestAnimationFrame(() => {
      const heading = document.getElementById('page-title') ?? document.getElementById('main');
      heading?.focus({ preventScroll: false });
    });
    return () => window.cancelAnimationFrame(frame);
  }, [location.pathname]);

  const items = navItemsFor(user);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            CommunityHub
          </Link>
          <div className={`header-tools${menuOpen ? ' open' : ''}`} id="header-tools">
            <LanguageSwitch />
            {user ? (
              <>
                <span className="current-user">
                  {user.displayName} <span className="muted">({label('role', user.role)})</span>
                </span>
                <button
                  type="button"
                  className="button button-ghost"
                  onClick={() => {
                    signOut();
                    navigate('/');
                  }}
                >
                  {t('nav.signOut')}
                </button>
              </>
            ) : (
              <NavLink to="/login" className="button button-ghost">
                {t('nav.signIn')}
              </NavLink>
            )}
          </div>
          <button
            type="button"
            className="button button-ghost menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="site-nav header-tools"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {menuOpen ? t('nav.closeMenu') : t('nav.menu')}
          </button>
          <nav id="site-nav" className={`site-nav${menuOpen ? ' open' : ''}`} aria-label={t('nav.main')}>
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('nav.home')}
                </NavLink>
              </li>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{t(item.labelKey)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('footer.text')}</p>
      </footer>
    </div>
  );
}
