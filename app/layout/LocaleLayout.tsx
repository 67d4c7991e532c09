import { Suspense, use, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import { isLocale, localeDirections, localeNames, locales, pickLocale, type Locale } from '../../shared/i18n';
import { useSession } from '../api/session';
import { useApplyInstanceSettings, useInstanceSettings } from '../lib/instance-settings';
import { stringsReady, TranslationProvider, useTranslation } from '../i18n';
import { can } from '../lib/permissions';
import { NotFoundPage } from './NotFoundPage';

/** The locale a browser prefers among the supported ones. */
export function browserLocale(): Locale {
  return pickLocale(typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]);
}

/** The locale of the page at `pathname` (its first segment), or the browser's. */
export function pageLocale(pathname: string): Locale {
  const segment = pathname.split('/')[1];
  return isLocale(segment) ? segment : browserLocale();
}

/**
 * Renders its children once `locale`'s strings are loaded: at once for the first locale (main.tsx
 * loads it before the first render), after a short wait when the reader switches language.
 */
function WithStrings({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <Suspense fallback={<div className="container page" aria-busy="true" />}><Strings locale={locale}>{children}</Strings></Suspense>;
}

function Strings({ locale, children }: { locale: Locale; children: ReactNode }) {
  const ready = stringsReady(locale);
  if (ready !== true) use(ready);
  return <TranslationProvider locale={locale}>{children}</TranslationProvider>;
}

/**
 * Everything under /:locale/. The locale in the URL selects the strings; an
 * unsupported one gets the not-found page, in the browser's language.
 */
export function LocaleLayout() {
  const params = useParams();
  const valid = isLocale(params.locale);
  const locale: Locale = isLocale(params.locale) ? params.locale : browserLocale();
  return (
    <WithStrings locale={locale}>
      <Shell locale={locale} localeInUrl={valid}>
        {valid ? <Outlet /> : <NotFoundPage />}
      </Shell>
    </WithStrings>
  );
}

/** A not-found page for paths outside /:locale/…, in the browser's language. */
export function RootNotFound() {
  const locale = browserLocale();
  return (
    <WithStrings locale={locale}>
      <Shell locale={locale} localeInUrl={false}>
        <NotFoundPage />
      </Shell>
    </WithStrings>
  );
}

function Shell({ locale, localeInUrl, children }: { locale: Locale; localeInUrl: boolean; children: React.ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  // On narrow screens the navigation folds behind a menu button (styles.css shows the button and hides the closed menu).
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const instance = useInstanceSettings();
  useApplyInstanceSettings(instance.data);
  const logo = instance.data?.logo;
  // The languages the instance offers (the page's own stays reachable: it was asked for).
  const offered = instance.data ? locales.filter((code) => instance.data.interface_languages.includes(code) || code === locale) : locales;

  // A link followed from the menu leads to another page: the menu closes (the page's heading takes focus).
  useEffect(() => {
    setMenuOpen(false);
  }, [location.pathname]);

  function closeMenuOnEscape(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== 'Escape' || !menuOpen) return;
    event.preventDefault();
    setMenuOpen(false);
    menuButton.current?.focus();
  }

  // The page's language and writing direction, before the switched page paints (the server wrote them in
  // the first page's HTML: app.ts).
  useLayoutEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = localeDirections[locale];
  }, [locale]);

  function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
    const main = document.getElementById('main');
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  }

  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('app.skipToContent')}
      </a>
      <header className="site-header" onKeyDown={closeMenuOnEscape}>
        <div className="container header-inner">
          <p className="brand">
            <Link to={`/${locale}/recommendations`} className="brand-name">
              {logo && <img src={logo.url} alt="" className="brand-logo" width={logo.width ?? undefined} height={logo.height ?? undefined} />}
              {t('app.name')}
            </Link>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </p>
          <button
            type="button"
            ref={menuButton}
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="site-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span className="menu-icon" aria-hidden="true" />
            {t('app.menu')}
          </button>
          <div className="header-nav" id="site-menu" data-open={menuOpen}>
            <nav className="site-nav" aria-label={t('app.siteNav')}>
              {instance.data?.instance_role === 'hub' && <Link to={`/${locale}/network`}>{t('app.networkLink')}</Link>}
              <Link to={`/${locale}/obligations`}>{t('app.calendarLink')}</Link>
              <Link to={`/${locale}/dashboards`}>{t('dashboards.nav')}</Link>
              <Link to={`/${locale}/institutions`}>{t('portal.nav.institutions')}</Link>
              <Link to={`/${locale}/plans`}>{t('portal.nav.plans')}</Link>
              <Link to={`/${locale}/open-data`}>{t('openData.nav')}</Link>
            </nav>
            <AccountLink locale={locale} />
            <LanguageSwitch locale={locale} localeInUrl={localeInUrl} offered={offered} />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container">
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('app.footer')}</p>
          <p><Link to={`/${locale}/open-data`}>{t('openData.footerLink')}</Link></p>
        </div>
      </footer>
    </>
  );
}

function LanguageSwitch({ locale, localeInUrl, offered }: { locale: Locale; localeInUrl: boolean; offered: readonly Locale[] }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <nav className="language-switch" aria-label={t('app.languageNav')}>
      <ul>
        {offered.map((code) => {
          const pathname = localeInUrl
            ? location.pathname.replace(/^\/[^/]+/, `/${code}`)
            : `/${code}/recommendations`;
          return (
            <li key={code}>
              <Link
                to={{ pathname, search: localeInUrl ? location.search : '' }}
                state={location.state}
                lang={code}
                hrefLang={code}
                aria-current={code === locale ? 'true' : undefined}
              >
                {localeNames[code]}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** "Sign in", or the signed-in person's name leading to their account. */
function AccountLink({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const session = useSession();
  const me = session.data;
  return (
    <nav className="account-nav" aria-label={t('auth.nav')}>
      {me ? (
        <ul>
          <li>
            <Link to={`/${locale}/workspace`}>{t('workspace.nav')}</Link>
          </li>
          {can(me, 'round:manage') && <li><Link to={`/${locale}/workspace/rounds`}>{t('workspace.navRounds')}</Link></li>}
          {can(me, 'recommendation:import') && <li><Link to={`/${locale}/workspace/import`}>{t('workspace.navImport')}</Link></li>}
          {can(me, 'report:manage') && <li><Link to={`/${locale}/workspace/reports`}>{t('workspace.navReports')}</Link></li>}
          {can(me, 'suggestion:read') && <li><Link to={`/${locale}/workspace/suggestions`}>{t('suggestions.nav')}</Link></li>}
          {can(me, 'plan:read') && <li><Link to={`/${locale}/workspace/plans`}>{t('workspace.navPlans')}</Link></li>}
          {can(me, 'contribution:moderate') && <li><Link to={`/${locale}/workspace/moderation`}>{t('participation.nav.moderation')}</Link></li>}
          {can(me, 'settings:manage') && <li><Link to={`/${locale}/workspace/settings`}>{t('settings.nav')}</Link></li>}
          {can(me, 'vocabulary:manage') && <li><Link to={`/${locale}/workspace/vocabularies`}>{t('vocabularies.nav')}</Link></li>}
          <li>
            <Link to={`/${locale}/account`}>
              <span className="visually-hidden">{t('auth.account.title')}: </span>
              {me.user.display_name}
            </Link>
          </li>
        </ul>
      ) : (
        <ul>
          <li><Link to={`/${locale}/sign-in`}>{t('auth.signInLink')}</Link></li>
          <li><Link to={`/${locale}/organisations/register`}>{t('participation.nav.register')}</Link></li>
        </ul>
      )}
    </nav>
  );
}
