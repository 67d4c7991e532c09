import { useRef } from 'react';
import { useTranslation } from '../i18n';
import { Link } from 'react-router';
import { useFocusOnNavigation } from '../lib/focus';
import { useDocumentTitle } from '../lib/useDocumentTitle';

export function NotFoundPage() {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(t('notFound.title'), t('app.name'));
  useFocusOnNavigation(heading);
  return (
    <div className="page narrow">
      <h1 ref={heading} tabIndex={-1}>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to={`/${i18n.language}/recommendations`}>{t('notFound.link')}</Link>
      </p>
    </div>
  );
}
