import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { Provider, useQuery } from 'urql';
import { graphql } from '../graphql';
import { Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { locales, T, useLocale, useT, type Locale } from '../i18n';
import { useAuth } from './auth';
import { makeClient } from './client';
import { navigation, routes } from './routes';
import { ShortcutProvider } from './shortcuts';

export function Shell() {
  const auth = useAuth();
  const t = useT();
  const location = useLocation();
  // A new client per session: nothing cached for one person is shown to the next.
  const client = useMemo(() => makeClient(), [auth.generation]);

  if (auth.status === 'loading') return <p className="loading">{t('app.loading')}</p>;

  return (
    <Provider value={client}>
      <ShortcutProvider>
        <a className="skip-link" href="#main">
          <T id="app.skip" />
        </a>
        <header className="topbar">
          <NavLink to="/" className="brand">
            <T id="app.name" />
          </NavLink>
          {auth.me && <Navigation />}
          <div className="topbar-end">
            <LanguageSwitch />
            {auth.me ? (
              <>
                <Bell />
                <NavLink to="/profile">{auth.me.displayName}</NavLink>
                <button type="button" className="link" onClick={() => void auth.signOut()}>
                  <T id="auth.signOut" />
                </button>
              </>
            ) : (
              <NavLink to="/sign-in">
                <T id="auth.signIn" />
              </NavLink>
            )}
            <span className="hint-key" aria-hidden="true">
              <kbd>?</kbd>
            </span>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
            <Routes>
              {routes.map(({ path, screen: Screen, anonymous }) => (
                <Route
                  key={path}
                  path={path}
                  element={anonymous || auth.me ? <Screen /> : <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />}
                />
              ))}
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </main>
      </ShortcutProvider>
    </Provider>
  );
}

/**
 * The top navigation. On a phone its links would wrap to three lines above every screen: there they hide behind a
 * "Menu" button (a disclosure) that opens them below the bar and closes on navigation and on Escape. On a wider
 * screen the button is not shown and the links stand in the bar (styles.css, max-width 600px).
 */
function Navigation() {
  const auth = useAuth();
  const t = useT();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const nav = useRef<HTMLElement>(null);
  // Any navigation closes it, by a link of the menu, a shortcut or the browser's back button.
  useEffect(() => setOpen(false), [location.pathname, location.search]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      // Focus was in the menu, which disappears: it goes back to the button that opened it.
      if (nav.current?.contains(document.activeElement)) toggle.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <>
      <button ref={toggle} type="button" className="menu-toggle" aria-expanded={open} aria-controls="site-nav" onClick={() => setOpen((o) => !o)}>
        <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <path d={open ? 'M6 6l12 12M18 6L6 18' : 'M4 7h16M4 12h16M4 17h16'} />
        </svg>
        <T id="nav.menu" />
      </button>
      <nav id="site-nav" ref={nav} aria-label={t('nav.label')} className={open ? 'open' : undefined}>
        <ul>
          {navigation
            .filter((item) => !item.roles || auth.hasRole(...item.roles))
            .map((item) => (
              <li key={item.to}>
                {/* The link to the screen already shown changes no location: it closes the menu itself. */}
                <NavLink to={item.to} end onClick={() => setOpen(false)}>
                  <T id={item.label} />
                </NavLink>
              </li>
            ))}
        </ul>
      </nav>
    </>
  );
}

const Unread = graphql(`
  query UnreadNotifications { notifications(first: 1, unread: true) { unreadCount } }
`);

/** The bell: the count of unread notifications, looked up again on every screen change and every minute. */
function Bell() {
  const t = useT();
  const location = useLocation();
  const [result, refetch] = useQuery({ query: Unread, requestPolicy: 'cache-and-network' });
  useEffect(() => {
    refetch({ requestPolicy: 'network-only' });
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), 60_000);
    return () => clearInterval(timer);
  }, [location.pathname, refetch]);
  const unread = result.data?.notifications.unreadCount ?? 0;
  return (
    <NavLink to="/notifications" end className="bell" aria-label={t('notifications.bell', { count: unread })}>
      <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {unread > 0 && <span className="bell-count" aria-hidden="true">{unread > 99 ? '99+' : unread}</span>}
    </NavLink>
  );
}

function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useT();
  return (
    <label className="lang">
      <span className="sr-only">{t('app.language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {l === 'en' ? 'English' : 'Français'}
          </option>
        ))}
      </select>
    </label>
  );
}

function NotFound() {
  return (
    <div className="page">
      <h1>
        <T id="app.notFound" />
      </h1>
      <p>
        <NavLink to="/">
          <T id="nav.home" />
        </NavLink>
      </p>
    </div>
  );
}
