import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import { isLocale, localeNames, locales, pickLocale, type Locale } from '../../shared/i18n';
import { useSession } from '../features/account/session';
import { can } from '../lib/permissions';
import { i18nFor } from '../i18n';
import { NotFoundPage } from './NotFoundPage';

/** The locale a browser prefers among the supported ones. */
export function browserLocale(): Locale {
  return pickLocale(typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]);
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
    <I18nextProvider i18n={i18nFor(locale)}>
      <Shell locale={locale} localeInUrl={valid}>
        {valid ? <Outlet /> : <NotFoundPage />}
      </Shell>
    </I18nextProvider>
  );
}

/** A not-found page for paths outside /:locale/…, in the browser's language. */
export function RootNotFound() {
  const locale = browserLocale();
  return (
    <I18nextProvider i18n={i18nFor(locale)}>
      <Shell locale={locale} localeInUrl={false}>
        <NotFoundPage />
      </Shell>
    </I18nextProvider>
  );
}

function Shell({ locale, localeInUrl, children }: { locale: Locale; localeInUrl: boolean; children: React.ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  // On narrow screens the navigation folds behind a menu button (styles.css shows the button and hides the closed menu).
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);

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

  useEffect(() => {
    document.documentElement.lang = locale;
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
              <Link to={`/${locale}/obligations`}>{t('app.calendarLink')}</Link>
              <Link to={`/${locale}/dashboards`}>{t('dashboards.nav')}</Link>
              <Link to={`/${locale}/institutions`}>{t('portal.nav.institutions')}</Link>
              <Link to={`/${locale}/open-data`}>{t('openData.nav')}</Link>
            </nav>
            <AccountLink locale={locale} />
            <LanguageSwitch locale={locale} localeInUrl={localeInUrl} />
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

function LanguageSwitch({ locale, localeInUrl }: { locale: Locale; localeInUrl: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <nav className="language-switch" aria-label={t('app.languageNav')}>
      <ul>
        {locales.map((code) => {
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
          {can(me, 'contribution:moderate') && <li><Link to={`/${locale}/workspace/moderation`}>{t('participation.nav.moderation')}</Link></li>}
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
