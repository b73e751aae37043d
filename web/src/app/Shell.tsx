import { Suspense } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { Provider } from 'urql';
import { useMemo } from 'react';
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
          {auth.me && (
            <nav aria-label={t('nav.label')}>
              <ul>
                {navigation
                  .filter((item) => !item.roles || auth.hasRole(...item.roles))
                  .map((item) => (
                    <li key={item.to}>
                      <NavLink to={item.to} end>
                        <T id={item.label} />
                      </NavLink>
                    </li>
                  ))}
              </ul>
            </nav>
          )}
          <div className="topbar-end">
            <LanguageSwitch />
            {auth.me ? (
              <>
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
