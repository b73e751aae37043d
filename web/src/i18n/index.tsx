import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import enCore from './en.json';
import frCore from './fr.json';
// Screens of the secretariat, delegates' ballots, vendors and administration keep their words apart.
import enRoles from './en.roles.json';
import frRoles from './fr.roles.json';
// Vendor onboarding and the provider directory.
import enOnboarding from './en.onboarding.json';
import frOnboarding from './fr.onboarding.json';

const en = { ...enCore, ...enRoles, ...enOnboarding };
const fr = { ...frCore, ...frRoles, ...frOnboarding };

/** Every word on screen has a key here; a test fails when English and French disagree. */
export type MessageId = keyof typeof en;
export type Locale = 'en' | 'fr';
export const catalogues: Record<Locale, Record<MessageId, string>> = { en, fr };
export const locales: Locale[] = ['en', 'fr'];
const STORAGE_KEY = 'ssw.locale';

/**
 * The locale react-intl formats with. English dates and times are written as
 * NATO writes them, the British way: day before month and a 24-hour clock
 * ("4 Dec 2026, 17:00 CET", UX principle 13), not the US "Dec 4, 2026, 5:00 PM".
 * The words stay the one English catalogue; plural rules are the same.
 */
export const formatLocale: Record<Locale, string> = { en: 'en-GB', fr: 'fr' };

/** The person's choice if they made one, else the browser's first supported language. */
export function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'fr') return saved;
  for (const lang of navigator.languages ?? [navigator.language]) {
    const base = lang.slice(0, 2).toLowerCase();
    if (base === 'en' || base === 'fr') return base;
  }
  return 'en';
}

const LocaleContext = createContext<{ locale: Locale; setLocale(l: Locale): void }>({ locale: 'en', setLocale: () => {} });

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    setState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={formatLocale[locale]} messages={catalogues[locale]} defaultLocale="en">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export const useLocale = () => useContext(LocaleContext);

export type Values = Record<string, string | number | Date | ReactNode | ((chunks: ReactNode[]) => ReactNode)>;

/** t('key', values): the message in the current language. */
export function useT() {
  const intl = useIntl();
  return useCallback((id: MessageId, values?: Record<string, string | number | Date>) => intl.formatMessage({ id }, values), [intl]);
}

/** <T id="key" />: the same, as an element, with rich-text values allowed. */
export function T({ id, values }: { id: MessageId; values?: Values }) {
  const intl = useIntl();
  return <>{intl.formatMessage({ id }, values as never)}</>;
}
