import { Component, type ReactNode } from 'react';
import { i18nFor } from '../i18n';
import { pageLocale } from './LocaleLayout';

/** Shown when rendering throws: a message in the page's language, never a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    // The page's locale: its strings were loaded before the first render (main.tsx).
    const i18n = i18nFor(pageLocale(window.location.pathname));
    return (
      <main id="main" className="container page narrow">
        <h1>{i18n.t('error.title')}</h1>
        <p role="alert">{i18n.t('error.text')}</p>
      </main>
    );
  }
}
