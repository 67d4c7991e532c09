import { Component, type ReactNode } from 'react';
import { isLocale } from '../../shared/i18n';
import { i18nFor } from '../i18n';
import { browserLocale } from './LocaleLayout';

/** Shown when rendering throws: a message in the page's language, never a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    const segment = window.location.pathname.split('/')[1];
    const i18n = i18nFor(isLocale(segment) ? segment : browserLocale());
    return (
      <main id="main" className="container page narrow">
        <h1>{i18n.t('error.title')}</h1>
        <p role="alert">{i18n.t('error.text')}</p>
      </main>
    );
  }
}
